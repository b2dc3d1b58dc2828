#!/usr/bin/env bash
# A course of two sessions: phases are grouped per session.
# usage: tests/tui/cases/timeline-course.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

launch course 80 24 -- --config "$FIX/config/course.ini" --now '2026-12-05 09:00:00'
shown course "Day 3 after session 1 of 2"
tm send-keys -t course l
expect course "FIRST WEEK · session 1 of 2" "the timeline names the session of each phase"
tm send-keys -t course c
expect course "Session 1 · Wed 2 Dec 2026 10:30" "the checklist is grouped by session"
tm send-keys -t course q
ended course 0
finish course

summary

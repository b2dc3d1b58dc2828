#!/usr/bin/env bash
# Before the session, in a course of two: the countdown and the phase bar.
# usage: tests/tui/cases/today-before.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

launch before 80 24 -- --config "$FIX/config/course.ini" --now '2026-11-28 20:15:00'
shown before "Session 1 of 2 in 4 days"
screen before today-before.txt
tm send-keys -t before q
ended before 0
finish before

summary

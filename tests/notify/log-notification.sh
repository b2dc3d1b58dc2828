#!/bin/sh
# dunst runs this for every notification (a [log_all] rule): one line with
# the fields dunstctl history does not keep.
printf '%s|%s|%s|%s|%s\n' "$DUNST_APP_NAME" "$DUNST_SUMMARY" "$DUNST_URGENCY" \
	"$DUNST_CATEGORY" "$DUNST_DESKTOP_ENTRY" >> "$NEEDLECARE_DUNST_LOG"

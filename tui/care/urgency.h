/* urgency: how pressing a milestone, a warning-sign rule or a notification
 * is. Its own header, so that what only carries an urgency (the notifier)
 * does not pull in the protocol. */
#ifndef NEEDLECARE_URGENCY_H
#define NEEDLECARE_URGENCY_H

/* A milestone is low, normal or (discouraged: check warns) critical; a
 * warning-sign rule is normal (routine: mention it to the practitioner),
 * critical (contact the practitioner today) or emergency (call emergency
 * services now). Notifications carry emergency as critical. */
enum urgency { URGENCY_LOW, URGENCY_NORMAL, URGENCY_CRITICAL, URGENCY_EMERGENCY,
               URGENCY_COUNT };

#endif

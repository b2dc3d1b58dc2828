/* ics: the course as an iCalendar file (RFC 5545). */
#ifndef NEEDLECARE_ICS_H
#define NEEDLECARE_ICS_H
#endif

// SIGINT and SIGTERM as requests to stop a training run.
//
// A signal reaches a process in one of two ways, and both are served: a thread that does not block it runs the
// handler set here; when every thread blocks it (libdispatch blocks it in the threads it makes, and in the main
// thread once that parks in dispatch_main, as an async command's does) a thread of this module takes it with
// sigwait. A dispatch signal source is not used: on Linux it reads a signalfd, and a second training in the same
// process (a reproduction's next run) never saw its signals.
#ifndef CSTOPSIGNALS_H
#define CSTOPSIGNALS_H

// Catches SIGINT and SIGTERM: the first one caught is recorded, a second one ends the process at once with
// status 128 plus its number. Forgets a signal caught before. Returns 0, or an errno value when the signals
// could not be caught.
int cstopsignals_arm(void);

// Stops catching: SIGINT and SIGTERM end the process again (status 128 plus the signal's number when every
// thread blocks them).
void cstopsignals_disarm(void);

// The first signal caught since the last arm, or 0.
int cstopsignals_first(void);

#endif

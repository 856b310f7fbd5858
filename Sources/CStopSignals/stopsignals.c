#include "cstopsignals.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <unistd.h>

static atomic_int armed = 0;
static atomic_int first_signal = 0;

// Only async-signal-safe work: atomics, and _exit.
static void take(int number) {
    if (!atomic_load(&armed)) _exit(128 + number);
    int none = 0;
    if (!atomic_compare_exchange_strong(&first_signal, &none, number)) _exit(128 + number);
}

static void stop_signals(sigset_t *set) {
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
}

static void *wait_for_signals(void *unused) {
    (void)unused;
    sigset_t set;
    stop_signals(&set);
    for (;;) {
        int number = 0;
        if (sigwait(&set, &number) == 0) take(number);
    }
    return NULL;
}

static int waiter_error = 0;

static void start_waiter(void) {
    // The waiter blocks the signals itself (sigwait takes only blocked ones) and is the only thread this
    // module makes; it lives as long as the process.
    sigset_t set, previous;
    stop_signals(&set);
    pthread_sigmask(SIG_BLOCK, &set, &previous);
    pthread_t thread;
    waiter_error = pthread_create(&thread, NULL, wait_for_signals, NULL);
    if (waiter_error == 0) pthread_detach(thread);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
}

static int set_action(void (*handler)(int)) {
    struct sigaction action = {0};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    // A system call the signal interrupts (a checkpoint's write, say) is restarted rather than failing with EINTR.
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGINT, &action, NULL) != 0 || sigaction(SIGTERM, &action, NULL) != 0) return errno;
    return 0;
}

int cstopsignals_arm(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, start_waiter);
    if (waiter_error != 0) return waiter_error;
    atomic_store(&first_signal, 0);
    atomic_store(&armed, 1);
    return set_action(take);
}

void cstopsignals_disarm(void) {
    atomic_store(&armed, 0);
    set_action(SIG_DFL);
}

int cstopsignals_first(void) {
    return atomic_load(&first_signal);
}

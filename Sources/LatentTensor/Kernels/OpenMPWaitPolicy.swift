#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the OpenMP threads that run oneDNN's convolutions wait for work.
public enum OpenMPWaitPolicy {
    /// Starts this program again, with the same arguments and `OMP_WAIT_POLICY=PASSIVE` added to its
    /// environment, when that variable is unset; call it first thing in `main`. OpenMP's threads otherwise
    /// spin for a while after each convolution, on the cores that Latent's own threads need next (a tenth
    /// of a dcgan step's CPU time on 2 cores), and libgomp reads the variable only when it loads, before
    /// `main` runs. Returns without restarting when the variable is set (the user's choice is kept) or the
    /// program cannot be started again.
    public static func restartPassiveUnlessSet() {
        guard getenv("OMP_WAIT_POLICY") == nil, setenv("OMP_WAIT_POLICY", "PASSIVE", 1) == 0 else { return }
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}

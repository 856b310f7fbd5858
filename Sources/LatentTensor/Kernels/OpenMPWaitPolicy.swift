import CDNNL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the OpenMP threads that run oneDNN's convolutions wait for work.
public enum OpenMPWaitPolicy {
    /// Sets `OMP_WAIT_POLICY=PASSIVE` in this process's environment unless the variable is set already
    /// (the user's choice is kept); call it before the first convolution, first thing in `main`.
    ///
    /// OpenMP's threads otherwise spin for a while after each convolution, on the cores that Latent's own
    /// threads need next (a tenth of a dcgan step's CPU time on 2 cores). The OpenMP runtime reads the
    /// variable once, when it loads; Latent loads it with oneDNN at the first convolution, so the
    /// variable set here reaches it without restarting the program. Returns false when the runtime was
    /// loaded already (by the program itself or another library), so that the setting comes too late.
    @discardableResult
    public static func preferPassive() -> Bool {
        setenv("OMP_WAIT_POLICY", "PASSIVE", 0)
        return cdnnl_openmp_loaded() == 0
    }
}

/// The names of the files a run writes per epoch: `epoch-0001.png`, `epoch-0001.json`.
public enum EpochFileName {
    /// `epoch-` and the epoch with at least four digits, then the extension.
    public static func name(epoch: Int, extension pathExtension: String) -> String {
        let digits = String(epoch)
        return "epoch-" + String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits + "." + pathExtension
    }
}

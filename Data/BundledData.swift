import Foundation

/// The data sets that ship with Latent (MNIST, in `mnist/`), copied into the build as a package resource, so
/// that they are found wherever a program built with Latent runs from.
///
/// An installed program needs the resource folder SwiftPM puts beside its executable
/// (`Latent_LatentBundledData.resources`) copied with it.
public enum BundledData {
    /// The folder holding one subfolder per bundled data set (`mnist`).
    public static var directory: String {
        (Bundle.module.resourceURL ?? Bundle.module.bundleURL).path
    }
}

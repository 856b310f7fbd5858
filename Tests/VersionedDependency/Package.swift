// swift-tools-version: 6.0
import PackageDescription

// A package that depends on Latent by version, as other people's packages do; SwiftPM refuses such a
// dependency when it uses unsafe build flags. `.ci/run` copies this folder, writes the URL of a tagged
// local clone of Latent in place of LATENT_GIT_URL, then builds and runs it.
let package = Package(
    name: "VersionedDependency",
    dependencies: [
        .package(url: "LATENT_GIT_URL", from: "1.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "TrainFewSteps",
            dependencies: [
                .product(name: "LatentNN", package: "Latent"),
                .product(name: "LatentModels", package: "Latent"),
            ],
            path: "Sources"
        ),
    ],
    swiftLanguageModes: [.v6]
)

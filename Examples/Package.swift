// swift-tools-version: 6.0
import PackageDescription

/// Models defined outside Latent against its public API, registered into its catalog and driven by its
/// command line: `swift run --package-path Examples latent-examples train bigan-mlp --steps 5`.
let package = Package(
    name: "LatentExamples",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "latent-examples", targets: ["LatentExamples"]),
    ],
    dependencies: [
        .package(name: "Latent", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "LatentExamples",
            dependencies: [
                .product(name: "LatentCLIKit", package: "Latent"),
                .product(name: "LatentModels", package: "Latent"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

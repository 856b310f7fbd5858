// swift-tools-version: 6.0
import PackageDescription

/// Fuzzing Latent's parsers of untrusted files (see docs/security.md): `latent-fuzz`, a libFuzzer target for
/// every format, built with coverage and AddressSanitizer by `Scripts/fuzz.sh`; and `latent-parse`, which runs
/// the same parsers on given files, built with the main package's release settings to replay crash inputs.
let package = Package(
    name: "LatentFuzz",
    dependencies: [.package(name: "Latent", path: "..")],
    targets: [
        .target(
            name: "FuzzHarness",
            dependencies: [
                .product(name: "LatentData", package: "Latent"),
                .product(name: "LatentNN", package: "Latent"),
                .product(name: "LatentModels", package: "Latent"),
                .product(name: "LatentMetrics", package: "Latent"),
                .product(name: "LatentReport", package: "Latent"),
            ]
        ),
        // libFuzzer supplies `main`, so the target's one file is compiled as a library file.
        .executableTarget(name: "latent-fuzz", dependencies: ["FuzzHarness"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .executableTarget(name: "latent-parse", dependencies: ["FuzzHarness"]),
    ],
    swiftLanguageModes: [.v6]
)

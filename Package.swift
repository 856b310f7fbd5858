// swift-tools-version: 6.0
import PackageDescription

/// Release builds drop overflow and bounds checks in the numeric modules (debug builds keep them),
/// and on x86-64 target processors with AVX2 and FMA (Intel Haswell and AMD Zen, 2013 on), so that
/// element-wise loops run eight values at a time.
#if arch(x86_64)
let releaseFlags = ["-Ounchecked", "-wmo", "-target-cpu", "haswell"]
#else
let releaseFlags = ["-Ounchecked", "-wmo"]
#endif
let fastMath: [SwiftSetting] = [.unsafeFlags(releaseFlags, .when(configuration: .release))]

let package = Package(
    name: "Latent",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "LatentTensor", targets: ["LatentTensor"]),
        .library(name: "LatentNN", targets: ["LatentNN"]),
        .library(name: "LatentData", targets: ["LatentData"]),
        .library(name: "LatentReport", targets: ["LatentReport"]),
        .library(name: "LatentModels", targets: ["LatentModels"]),
        .library(name: "LatentMetrics", targets: ["LatentMetrics"]),
        .library(name: "LatentCLIKit", targets: ["LatentCLIKit"]),
        .executable(name: "latent-bench", targets: ["LatentBench"]),
        .executable(name: "latent", targets: ["LatentCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .target(name: "LatentTensor", dependencies: ["CDNNL"], swiftSettings: fastMath),
        .target(name: "LatentNN", dependencies: ["LatentTensor"], swiftSettings: fastMath),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CPNG", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", providers: [.apt(["libjpeg-dev"])]),
        .target(name: "LatentBundledData", path: "Data", exclude: ["classifiers"], resources: [.copy("mnist")]),
        .target(
            name: "LatentData", dependencies: ["LatentTensor", "LatentBundledData", "CZlib", "CPNG", "CJPEG"], swiftSettings: fastMath),
        .target(name: "LatentReport", dependencies: ["LatentTensor", "LatentNN", "LatentData", "LatentModels"], swiftSettings: fastMath),
        .target(name: "LatentModels", dependencies: ["LatentNN", "LatentData"], swiftSettings: fastMath),
        .target(name: "LatentMetrics", dependencies: ["LatentNN", "LatentData"], swiftSettings: fastMath),
        .executableTarget(
            name: "LatentBench",
            dependencies: [
                "LatentModels",
                "LatentMetrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: fastMath
        ),
        .target(
            name: "LatentCLIKit",
            dependencies: [
                "LatentModels", "LatentMetrics", "LatentReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: fastMath
        ),
        .executableTarget(name: "LatentCLI", dependencies: ["LatentCLIKit"], swiftSettings: fastMath),
        .target(name: "LatentTestSupport", dependencies: ["LatentTensor"], path: "Tests/LatentTestSupport"),
        .testTarget(name: "LatentTensorTests", dependencies: ["LatentTensor", "LatentTestSupport"]),
        .testTarget(
            name: "LatentNNTests", dependencies: ["LatentNN", "LatentTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LatentDataTests", dependencies: ["LatentData", "LatentNN", "LatentTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LatentReportTests", dependencies: ["LatentReport", "LatentData", "LatentTensor", "LatentTestSupport"]),
        .testTarget(name: "LatentModelsTests", dependencies: ["LatentModels"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LatentMetricsTests", dependencies: ["LatentMetrics", "LatentTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LatentCLITests", dependencies: ["LatentCLI", "LatentCLIKit", "LatentReport", "LatentModels", "LatentTestSupport"]),
        .testTarget(name: "LatentPublicAPITests", dependencies: ["LatentModels", "LatentTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version: 6.0
import PackageDescription

// Every target builds with SwiftPM's own settings (release: -O, whole module), so that Latent can be a
// dependency by version and keeps its overflow and bounds checks in release builds. The few kernels that
// gain from wide vectors are C (CLatentKernels), compiled for each x86-64 instruction set and chosen at
// run time.
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
        .target(name: "CDNNL", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(name: "CLatentKernels"),
        .target(name: "CMPI", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(name: "CStopSignals"),
        .target(name: "LatentTensor", dependencies: ["CDNNL", "CLatentKernels"]),
        .target(name: "LatentNN", dependencies: ["LatentTensor", "CLatentKernels", "CMPI"]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CPNG", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", providers: [.apt(["libjpeg-dev"])]),
        .target(name: "LatentBundledData", path: "Data", exclude: ["classifiers"], resources: [.copy("mnist")]),
        .target(name: "LatentData", dependencies: ["LatentTensor", "LatentBundledData", "CZlib", "CPNG", "CJPEG"]),
        .target(name: "LatentReport", dependencies: ["LatentTensor", "LatentNN", "LatentData", "LatentModels"]),
        .target(name: "LatentModels", dependencies: ["LatentNN", "LatentData"]),
        .target(name: "LatentMetrics", dependencies: ["LatentNN", "LatentData"]),
        .executableTarget(
            name: "LatentBench",
            dependencies: [
                "LatentModels",
                "LatentMetrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "LatentCLIKit",
            dependencies: [
                "LatentModels", "LatentMetrics", "LatentReport", "CStopSignals",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "LatentCLI", dependencies: ["LatentCLIKit"]),
        .target(name: "LatentTestSupport", dependencies: ["LatentTensor"], path: "Tests/LatentTestSupport"),
        .testTarget(name: "LatentTensorTests", dependencies: ["LatentTensor", "CLatentKernels", "LatentTestSupport"]),
        .testTarget(
            name: "LatentNNTests", dependencies: ["LatentNN", "LatentTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LatentDataTests", dependencies: ["LatentData", "LatentNN", "LatentTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LatentReportTests", dependencies: ["LatentReport", "LatentData", "LatentTensor", "LatentTestSupport"]),
        .testTarget(name: "LatentModelsTests", dependencies: ["LatentModels", "LatentTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LatentMetricsTests", dependencies: ["LatentMetrics", "LatentTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "LatentCLITests", dependencies: ["LatentCLI", "LatentCLIKit", "LatentReport", "LatentModels", "LatentTestSupport"]),
        .testTarget(name: "LatentPublicAPITests", dependencies: ["LatentModels", "LatentTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

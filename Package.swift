// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "qcsite",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "qcsite", targets: ["qcsite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(name: "CFileSwap"),
        // The direction of the pipeline, held by the compiler: content → archive → rules →
        // disclosure (the public record) → publishing → build → preview. Publishing cannot
        // import Archive or Rules: every page sees the archive through Disclosure only.
        .target(name: "Diagnostics"),
        .target(name: "TextKeys"),
        .target(name: "Parallelism"),
        .target(name: "SiteSettings"),
        .target(name: "SafePaths", dependencies: ["Diagnostics", "TextKeys"]),
        .target(
            name: "Archive",
            dependencies: ["Diagnostics", "TextKeys", "Parallelism", "CFileSwap", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "Content",
            dependencies: [
                "Archive", "Diagnostics", "TextKeys", "SiteSettings", "SafePaths", "Parallelism",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(name: "Rules", dependencies: ["Archive", "TextKeys", "SafePaths", "Parallelism"]),
        .target(name: "Disclosure", dependencies: ["Archive", "Rules", "SiteSettings", "TextKeys", "Parallelism"]),
        .target(
            name: "Publishing",
            dependencies: [
                "Disclosure", "Diagnostics", "SiteSettings", "TextKeys", "SafePaths", "Parallelism", "CCmarkGFM", "CFileSwap",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(name: "Forms", dependencies: ["Archive", "Content", "Rules", "Diagnostics", "CXLSXWriter"]),
        .target(
            name: "SiteBuild",
            dependencies: ["Archive", "Content", "Rules", "Disclosure", "Publishing", "Diagnostics", "SiteSettings", "SafePaths", "Parallelism"]
        ),
        .target(name: "Preview", dependencies: ["SiteBuild", "Publishing", "Archive", "Diagnostics", "SafePaths", "CFileSwap"]),
        .executableTarget(
            name: "qcsite",
            dependencies: [
                "SiteBuild", "Preview", "Forms", "Content", "Rules", "Archive", "Diagnostics", "SafePaths",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "QCSiteTests",
            dependencies: [
                "SiteBuild", "Preview", "Forms", "Content", "Rules", "Disclosure", "Publishing", "Archive", "Diagnostics",
                "TextKeys", "SiteSettings", "SafePaths", "Parallelism",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)

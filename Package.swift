// swift-tools-version:6.1
import PackageDescription

/// Starling: a self-hosted social learning network.
///
/// Targets mirror the architecture (see README "Architecture"):
/// - `StarlingCore`   domain: models, rules, services, and the `Store` protocol they need.
/// - `StarlingSQL`    what both SQL stores share: bound values, column lists, row mappings, the visibility rule.
/// - `StarlingSQLite` the store on embedded SQLite (the default): its SQL lives here.
/// - `StarlingPostgres` the store on PostgreSQL (postgres-nio), for several nodes on one database: its SQL lives here.
/// - `StarlingSSO`    single sign-on: the OpenID Connect client and the LDAP directory (libldap).
/// - `StarlingMail`   email over SMTP (libcurl).
/// - `StarlingActivityPub` federation's protocol: HTTP signatures, actors' keys, the ActivityPub documents and routes.
/// - `StarlingWeb`    the thin HTTP layer: Hummingbird app, middleware, web pages.
/// - `starling`       the command line: `serve`, `admin ...`.
/// - `starling-bench` the release-mode benchmark (not part of the tests).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "starling",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "starling", targets: ["starling"]),
        .executable(name: "starling-bench", targets: ["starling-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.1.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLDAP", path: "Sources/CLDAP", providers: [.apt(["libldap-dev"])]),
        .target(
            name: "StarlingCore",
            dependencies: [
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "StarlingSQL",
            dependencies: ["StarlingCore"],
            swiftSettings: strict
        ),
        .target(
            name: "StarlingSQLite",
            dependencies: [
                "StarlingCore", "StarlingSQL", "CSQLite", .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "StarlingPostgres",
            dependencies: [
                "StarlingCore", "StarlingSQL",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "StarlingMigration",
            dependencies: ["StarlingCore", "StarlingSQL", "StarlingSQLite", "StarlingPostgres"],
            swiftSettings: strict
        ),
        .target(
            name: "StarlingSSO",
            dependencies: [
                "StarlingCore", "CLDAP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "StarlingMail",
            dependencies: ["StarlingCore", "CCurl"],
            swiftSettings: strict
        ),
        .target(
            name: "StarlingActivityPub",
            dependencies: [
                "StarlingCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "StarlingWeb",
            dependencies: [
                "StarlingCore", "StarlingSSO", "StarlingActivityPub",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "starling",
            dependencies: [
                "StarlingCore", "StarlingSQLite", "StarlingPostgres", "StarlingMigration", "StarlingSSO", "StarlingMail", "StarlingWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "starling-bench",
            dependencies: [
                "StarlingCore", "StarlingSQL", "StarlingSQLite", "StarlingPostgres", "StarlingMigration", "StarlingWeb", "StarlingActivityPub",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StarlingTests",
            dependencies: [
                "StarlingCore", "StarlingSQLite", "StarlingPostgres", "StarlingMigration", "StarlingSSO", "StarlingMail", "StarlingWeb",
                "StarlingActivityPub",
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Fixtures"], // read from the source tree (FSRSTests)
            swiftSettings: strict
        ),
    ]
)

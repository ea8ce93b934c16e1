import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOPosix
import StarlingActivityPub
import StarlingCore
import StarlingSSO

/// Where and how to serve.
public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    /// The reverse proxies whose `X-Forwarded-For` is believed.
    public var trustedProxies: TrustedProxies
    /// The bearer token `/metrics` asks for; without one, it answers clients on this machine only.
    public var metricsToken: String?
    /// With a certificate the server speaks HTTPS (HTTP/2 or HTTP/1.1 by ALPN) instead of plain HTTP.
    public var certificate: ServerCertificate?
    /// The organization's identity provider and directory, when configured.
    public var signOn: SignOnProviders
    /// Whether this server runs due jobs, every second (a test that steps the job runner itself turns it off).
    public var runsJobs: Bool
    /// Whether federation may reach loopback and private addresses, over plain http too (tests and labs only).
    public var federationAllowsPrivateAddresses: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, trustedProxies: TrustedProxies = TrustedProxies(), metricsToken: String? = nil,
                certificate: ServerCertificate? = nil, signOn: SignOnProviders = SignOnProviders(), runsJobs: Bool = true,
                federationAllowsPrivateAddresses: Bool = false) {
        self.federationAllowsPrivateAddresses = federationAllowsPrivateAddresses
        self.signOn = signOn
        self.runsJobs = runsJobs
        self.host = host
        self.port = port
        self.trustedProxies = trustedProxies
        self.metricsToken = metricsToken
        self.certificate = certificate
    }
}

/// Runs Swift concurrency's jobs on the server's event loops, so a request is not handed between
/// thread pools on its way in and out (measured: about 18% more API requests per second).
/// Call it first thing when a server process starts, once.
public func runConcurrencyOnEventLoops() {
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}

/// Assembles the HTTP application over an assembled domain: the router with its middleware,
/// the web pages, the Mastodon API, static assets and avatars. `onServerRunning` receives the bound
/// port (useful with port 0 in tests and benchmarks); `configure` may add routes (the benchmark adds
/// its static "framework ceiling" response this way).
public func buildApplication(
    starling: Starling, options: ServerOptions, logger: Logger,
    configure: (Router<WebContext>) -> Void = { _ in },
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = Router(context: WebContext.self)
    let activityPub = ActivityPub(starling: starling, allowsPrivateAddresses: options.federationAllowsPrivateAddresses, logger: logger)
    configure(router)
    router.add(middleware: ForwardedHeadersMiddleware(proxies: options.trustedProxies, servesTLS: options.certificate != nil))
    router.add(middleware: RequestTelemetryMiddleware(metrics: starling.metrics))
    router.add(middleware: SecurityHeadersMiddleware())
    let pages = WebPages(starling: starling, signOn: options.signOn)
    router.add(middleware: ErrorPageMiddleware(pages: pages))
    router.add(middleware: APICORSMiddleware())
    router.add(middleware: PageDocuments(activityPub))

    // Web pages: session cookies, CSRF-checked forms (refused ones sent back refilled), notices after actions.
    let web = router.group()
        .add(middleware: SessionMiddleware(accounts: starling.accounts))
        .add(middleware: ActivityMiddleware(activity: starling.activity))
        .add(middleware: CSRFMiddleware(secureCookies: pages.secureCookies))
        .add(middleware: FormRejectionMiddleware())
        .add(middleware: NoticeMiddleware(secureCookies: pages.secureCookies))
    pages.register(on: web)
    FollowRequestPages(pages: pages, activityPub: activityPub).register(on: web)
    EmailPages(pages: pages).registerUnsubscribe(on: router)

    // The Mastodon client API: bearer tokens, JSON.
    let api = router.group("api")
        .add(middleware: BearerTokenMiddleware(oauth: starling.oauth))
        .add(middleware: ActivityMiddleware(activity: starling.activity))
        .add(middleware: RateLimitMiddleware(limiter: RateLimiter(limit: starling.settings.apiRateLimit)))
    let oauth = router.group("oauth").add(middleware: BearerTokenMiddleware(oauth: starling.oauth))
    let core = OAuthAndInstanceAPI(starling: starling)
    core.register(api: api, oauth: oauth)
    core.registerMetadata(on: router)
    StatusesAPI(starling: starling).register(on: api)
    MediaAPI(starling: starling).register(on: api)
    let timelines = TimelinesAPI(starling: starling)
    timelines.register(on: api)
    SocialAPI(starling: starling, timelines: timelines, activityPub: activityPub).register(on: api)
    ListsAPI(starling: starling, timelines: timelines).register(on: api)
    ModerationAPI(starling: starling).register(on: api)
    FiltersAPI(starling: starling).register(on: api)
    FollowRequestsAPI(starling: starling, activityPub: activityPub).register(on: api)
    GroupedNotificationsAPI(starling: starling).register(on: api)
    // Server-sent events and WebSocket streams share the work of sending one post to many viewers.
    let fanOut = StreamFanOut(starling: starling)
    StreamingAPI(starling: starling, fanOut: fanOut).register(on: api)
    // Starling's own API, for what Mastodon has no word for (same tokens and scopes).
    ProgramsAPI(starling: starling, timelines: timelines).register(on: api)
    QuestionsAPI(starling: starling).register(on: api)
    KnowledgeAPI(starling: starling).register(on: api)
    GuidesAPI(starling: starling).register(on: api)
    ReportsAPI(starling: starling).register(on: api)
    EventsAPI(starling: starling).register(on: api)
    ReinforcementAPI(starling: starling).register(on: api)
    CommitmentsAPI(starling: starling).register(on: api)
    AnalyticsAPI(starling: starling).register(on: api)
    ExpertsAPI(starling: starling).register(on: api)
    ModerationOwnAPI(starling: starling).register(on: api)
    FederationAPI(starling: starling).register(on: api)
    OutsideTagsAPI(starling: starling).register(on: api)
    router.get("/api/starling/openapi.json") { _, _ in OpenAPIDocument.response }

    // ActivityPub: what other servers ask and deliver (discovery, actors, notes, the inbox), when federation is on.
    ActivityPubRoutes(activityPub).register(on: router)

    OperationsRoutes(starling: starling, metricsToken: options.metricsToken).register(on: router)
    // Provisioning by the organization's identity provider (its own tokens and error format).
    SCIMAPI(starling: starling).register(on: router)
    for path in ["/assets/:file", "/favicon.svg", "/favicon.ico"] {
        router.get(RouterPath(path)) { request, _ in
            guard let response = Assets.response(for: request.uri.path) else { throw HTTPError(.notFound) }
            return response
        }
    }
    router.get("/avatars/{username}.svg") { _, context in
        let username = context.parameters.get("username") ?? ""
        let account = if username == Account.anonymousLearner.username { Account.anonymousLearner } else {
            try await starling.store.account(username: username)
        }
        guard let account else {
            throw HTTPError(.notFound)
        }
        return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=3600"],
                         body: .init(byteBuffer: ByteBuffer(string: Avatar.svg(for: account))))
    }
    router.get("/avatars/outside/{id}.svg") { _, context in
        guard let id = context.parameters.get("id").flatMap(ID.init), let account = try await starling.store.account(id: id),
              account.isRemote else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=3600"],
                        body: .init(byteBuffer: ByteBuffer(string: Avatar.svg(for: account))))
    }
    // Uploaded files, by their unguessable names.
    router.get("/media/:folder/:file") { _, context in
        let folder = context.parameters.get("folder") ?? "", file = context.parameters.get("file") ?? ""
        guard ["avatars", "attachments"].contains(folder), !file.contains(".."),
              let format = ImageFormat(fileExtension: (file as NSString).pathExtension),
              let bytes = try await starling.files.load(folder + "/" + file) else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: format.mimeType, .cacheControl: "public, max-age=31536000, immutable"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
    router.get("/headers/default.svg") { _, _ in
        Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
                 body: .init(byteBuffer: ByteBuffer(string: Avatar.defaultHeaderSVG)))
    }

    let streaming = StreamingWebSocket(starling: starling, fanOut: fanOut)
    let http1 = HTTP1WebSocketUpgradeChannel.Configuration(ws: .init(maxFrameSize: 1 << 16))
    let server: HTTPServerBuilder = if let certificate = options.certificate {
        HTTPServerBuilder { responder in
            SecureWebChannel(context: try certificate.makeContext(),
                             http1: HTTP1WebSocketUpgradeChannel(responder: responder, configuration: http1) { request, _, _ in
                                 await streaming.shouldUpgrade(request)
                             },
                             http2: HTTP2Channel(responder: responder))
        }
    } else {
        .http1WebSocketUpgrade(configuration: http1) { request, _, _ in await streaming.shouldUpgrade(request) }
    }
    return Application(
        responder: FormRefillingResponder(router: router.buildResponder(), pages: pages),
        server: server,
        configuration: .init(address: .hostname(options.host, port: options.port), serverName: "Starling"),
        services: [
            fanOut,
            // Timed work (scheduled posts, ...) runs within a second of its time, and after a restart.
            PeriodicJob(name: "Running due jobs", interval: .seconds(1), logger: logger) {
                guard options.runsJobs else { return }
                try await starling.jobRunner.runDue(now: starling.clock.now(), logger: logger)
            },
            PeriodicJob(name: "Deleting abandoned uploads", interval: .seconds(3600), logger: logger) {
                let removed = try await starling.media.removeAbandonedUploads()
                if removed > 0 { logger.info("Deleted abandoned uploads", metadata: ["count": "\(removed)"]) }
            },
            // Who was active: written in batches, a second at most after the request; kept for the retention period.
            PeriodicJob(name: "Recording activity", interval: .seconds(1), logger: logger, finishesAtShutdown: true) {
                try await starling.activity.flush()
            },
            PeriodicJob(name: "Deleting expired activity records", interval: .seconds(3600), logger: logger) {
                let removed = try await starling.analytics.deleteExpired(now: starling.clock.now())
                if removed > 0 { logger.info("Deleted expired activity records", metadata: ["count": "\(removed)"]) }
            },
        ],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? options.port) },
        logger: logger
    )
}

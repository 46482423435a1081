using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Podium.Tests.Deploy;

/// <summary>deploy/compose.yaml and the files it mounts (nginx, Prometheus, Grafana), checked without a Docker engine.</summary>
public sealed partial class ComposeTests
{
    private static readonly string[] PodiumServices = ["migrate", "app1", "app2"];
    private static readonly Dictionary<string, object?> Compose = DeployFiles.LoadYaml("deploy/compose.yaml");

    private static Dictionary<string, object?> Service(string name) => Compose.Map("services").Map(name);

    [Fact]
    public void Services_AreTheProductionLikeSet()
    {
        Compose.Map("services").Keys.ShouldBe(
            ["migrate", "app1", "app2", "nginx", "postgres", "redis", "prometheus", "grafana"], ignoreOrder: true);
    }

    [Fact]
    public void PodiumServices_RunOneImageBuiltFromTheDockerfile()
    {
        var images = PodiumServices.Select(s => Service(s).Text("image")).Distinct().ToList();
        images.ShouldHaveSingleItem();
        foreach (var name in PodiumServices)
        {
            var build = Service(name).Map("build");
            var context = Path.GetFullPath(Path.Combine(DeployFiles.Deploy, build.Text("context")));
            context.ShouldBe(DeployFiles.RepositoryRoot.TrimEnd(Path.DirectorySeparatorChar));
            File.Exists(Path.Combine(context, build.Text("dockerfile"))).ShouldBeTrue();
            Service(name).Text("read_only").ShouldBe("true");
            Service(name).List("tmpfs").Texts().ShouldContain("/tmp");
        }
    }

    [Fact]
    public void Migrate_RunsDbMigrateOnceBeforeTheInstances()
    {
        Service("migrate").List("command").Texts().ShouldBe(["db", "migrate"]);
        Service("migrate").Text("restart").ShouldBe("no");
        foreach (var app in new[] { "app1", "app2" })
        {
            var dependsOn = Service(app).Map("depends_on");
            dependsOn.Map("migrate").Text("condition").ShouldBe("service_completed_successfully");
            dependsOn.Map("postgres").Text("condition").ShouldBe("service_healthy");
            dependsOn.Map("redis").Text("condition").ShouldBe("service_healthy");
            Service(app).ContainsKey("command").ShouldBeFalse("the instances run the image's entry point: the server");
        }
    }

    [Fact]
    public void PodiumServices_ShareOneConfigurationOnPostgresAndRedis()
    {
        var environments = PodiumServices.Select(s => Environment(s).Where(e => !e.Key.StartsWith("OTEL_RESOURCE", StringComparison.Ordinal)).ToDictionary()).ToList();
        foreach (var environment in environments)
        {
            environment.ShouldBe(environments[0], ignoreOrder: true);
        }

        var app = Environment("app1");
        app["ASPNETCORE_ENVIRONMENT"].ShouldBe("Production");
        app["Podium__Database__Provider"].ShouldBe("Postgres");
        app["ConnectionStrings__Podium"].ShouldContain("Host=postgres;");
        app["ConnectionStrings__Redis"].ShouldStartWith("redis:6379");
        app.ShouldNotContainKey("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "it trusts X-Forwarded-For from anyone; the app refuses to start with it");
    }

    [Fact]
    public void ForwardedHeaders_AreTrustedOnlyFromTheEdgeNetworkWhereNginxIsTheOnlyOtherMember()
    {
        var subnet = Compose.Map("networks").Map("edge").Map("ipam").List("config").Maps().Single().Text("subnet");

        Environment("app1")["Podium__ForwardedHeaders__KnownProxies__0"].ShouldBe(subnet);
        Service("nginx").List("networks").Texts().ShouldBe(["edge"]);
        // Whatever else joined the edge network could claim any client address.
        Compose.Map("services").Where(s => s.Value is Dictionary<string, object?> service && service.ContainsKey("networks")
                && ((Dictionary<string, object?>)s.Value!).List("networks").Texts().Contains("edge"))
            .Select(s => s.Key).ShouldBe(["app1", "app2", "nginx"], ignoreOrder: true);
    }

    [Fact]
    public void DataServices_HaveHealthchecksAndVolumes()
    {
        foreach (var name in new[] { "postgres", "redis" })
        {
            Service(name).Map("healthcheck").List("test").ShouldNotBeEmpty();
            Service(name).List("volumes").Texts().ShouldHaveSingleItem().ShouldContain(":/");
        }

        Service("postgres").Text("image").ShouldBe("postgres:15");
        Service("redis").Text("image").ShouldBe("redis:7");
        var declared = Compose.Map("volumes").Keys;
        foreach (var volume in Compose.Map("services").Values.Cast<Dictionary<string, object?>>()
            .Where(s => s.ContainsKey("volumes")).SelectMany(s => s.List("volumes").Texts())
            .Where(v => !v.StartsWith('.')).Select(v => v.Split(':')[0]))
        {
            declared.ShouldContain(volume);
        }
    }

    [Fact]
    public void Metrics_AreAllowedOnlyFromTheMonitoringNetworkWherePrometheusIs()
    {
        var subnet = Compose.Map("networks").Map("monitoring").Map("ipam").List("config").Maps().Single().Text("subnet");

        Environment("app1")["Podium__Metrics__AllowedNetworks__0"].ShouldBe(subnet);
        Service("prometheus").List("networks").Texts().ShouldBe(["monitoring"]);
        Service("nginx").List("networks").Texts().ShouldNotContain("monitoring");
        Service("app1").List("networks").Texts().ShouldContain("monitoring");
        Service("app2").List("networks").Texts().ShouldContain("monitoring");
    }

    [Fact]
    public void BindMounts_PointAtCommittedFiles()
    {
        var mounts = Compose.Map("services").Values.Cast<Dictionary<string, object?>>()
            .Where(s => s.ContainsKey("volumes")).SelectMany(s => s.List("volumes").Texts())
            .Where(v => v.StartsWith("./", StringComparison.Ordinal)).Select(v => v.Split(':')[0]).ToList();

        mounts.ShouldContain("./nginx/nginx.conf");
        mounts.ShouldContain("./prometheus/prometheus.yml");
        foreach (var mount in mounts.Where(m => m != "./nginx/certs"))
        {
            Path.Exists(Path.Combine(DeployFiles.Deploy, mount)).ShouldBeTrue($"{mount} is mounted but missing");
        }
    }

    [Fact]
    public void Secrets_ComeFromAnUncommittedEnvFileWhoseTemplateNamesThemAll()
    {
        var template = DeployFiles.Read("deploy/.env.example");
        var required = RequiredVariable().Matches(DeployFiles.Read("deploy/compose.yaml")).Select(m => m.Groups[1].Value).Distinct().ToList();

        required.ShouldContain("POSTGRES_PASSWORD");
        required.ShouldContain("REDIS_PASSWORD");
        foreach (var name in required)
        {
            template.ShouldContain($"\n{name}=", customMessage: $"deploy/.env.example does not name {name}");
        }

        GitIgnores("deploy/.env").ShouldBeTrue("deploy/.env must be ignored by git");
        GitIgnores("deploy/.env.example").ShouldBeFalse();
    }

    [Fact]
    public void Nginx_BalancesBothInstancesAndUpgradesWebSocketsForHubs()
    {
        var config = DeployFiles.Read("deploy/nginx/nginx.conf");

        config.ShouldContain("server app1:8080");
        config.ShouldContain("server app2:8080");
        var hubs = Block(config, "location /hubs/");
        hubs.ShouldContain("proxy_set_header Upgrade $http_upgrade;");
        hubs.ShouldContain("proxy_set_header Connection $connection_upgrade;");
        // Headers set in a location replace the inherited ones, so the forwarded ones must be repeated there.
        hubs.ShouldContain("proxy_set_header X-Forwarded-Proto $scheme;");
        hubs.ShouldContain("proxy_set_header X-Forwarded-For");
        config.ShouldContain("proxy_set_header X-Forwarded-Proto $scheme;");
        config.ShouldContain("proxy_read_timeout");
        Block(config, "location = /metrics").ShouldContain("return 404;");
    }

    [Fact]
    public void Nginx_BodyLimitMatchesPodiumsLimit()
    {
        var limit = ClientMaxBodySize().Match(DeployFiles.Read("deploy/nginx/nginx.conf"));
        limit.Success.ShouldBeTrue();
        var bytes = long.Parse(limit.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * (limit.Groups[2].Value.ToLowerInvariant() switch
        {
            "k" => 1024L,
            "m" => 1024L * 1024,
            "g" => 1024L * 1024 * 1024,
            _ => 1L,
        });

        var podium = Environment("app1").TryGetValue("Podium__Http__MaxRequestBodyBytes", out var configured)
            ? long.Parse(configured, System.Globalization.CultureInfo.InvariantCulture)
            : new Podium.Platform.HttpLimitsOptions().MaxRequestBodyBytes;
        bytes.ShouldBe(podium);
    }

    [Fact]
    public void Prometheus_ScrapesMetricsOfBothInstances()
    {
        var job = DeployFiles.LoadYaml("deploy/prometheus/prometheus.yml").List("scrape_configs").Maps().Single(j => j.Text("job_name") == "podium");

        job.Text("metrics_path").ShouldBe("/metrics");
        job.List("static_configs").Maps().SelectMany(c => c.List("targets").Texts()).ShouldBe(["app1:8080", "app2:8080"], ignoreOrder: true);
    }

    [Fact]
    public void Grafana_ProvisionsPrometheusAndTheDashboardFolder()
    {
        var datasource = DeployFiles.LoadYaml("deploy/grafana/provisioning/datasources/prometheus.yaml").List("datasources").Maps().Single();
        datasource.Text("url").ShouldBe("http://prometheus:9090");

        var provider = DeployFiles.LoadYaml("deploy/grafana/provisioning/dashboards/podium.yaml").List("providers").Maps().Single();
        var mounted = Service("grafana").List("volumes").Texts().Single(v => v.StartsWith("./grafana/dashboards:", StringComparison.Ordinal));
        mounted.Split(':')[1].ShouldBe(provider.Map("options").Text("path"));

        using var dashboard = JsonDocument.Parse(DeployFiles.Read("deploy/grafana/dashboards/podium.json"));
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row"))
        {
            panel.GetProperty("datasource").GetProperty("uid").GetString().ShouldBe(datasource.Text("uid"));
            panel.GetProperty("targets").GetArrayLength().ShouldBeGreaterThan(0);
        }
    }

    /// <summary>The series of the agreed metric names (instrument → Prometheus), each shown somewhere.</summary>
    [Theory]
    [InlineData("http_server_request_duration_seconds_count")]
    [InlineData("http_server_request_duration_seconds_bucket")]
    [InlineData("podium_rate_limit_rejections_total")]
    [InlineData("podium_cache_lookups_total")]
    [InlineData("podium_jobs_runs_total")]
    [InlineData("podium_jobs_duration_seconds_bucket")]
    [InlineData("podium_outbox_backlog")]
    [InlineData("podium_outbox_parked")]
    [InlineData("podium_outbox_delivered_total")]
    [InlineData("podium_outbox_failures_total")]
    [InlineData("podium_business_events_total")]
    public void Dashboard_ShowsAgreedSeries(string series)
    {
        using var dashboard = JsonDocument.Parse(DeployFiles.Read("deploy/grafana/dashboards/podium.json"));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();

        expressions.ShouldContain(e => Regex.IsMatch(e, $@"\b{series}\b"));
    }

    private static Dictionary<string, string> Environment(string service) =>
        Service(service).Map("environment").ToDictionary(e => e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static string Block(string config, string opening)
    {
        var start = config.IndexOf(opening + " {", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"no block '{opening}'");
        return config[start..config.IndexOf('}', start)];
    }

    private static bool GitIgnores(string path)
    {
        var start = new ProcessStartInfo("git", ["check-ignore", "-q", "--no-index", path])
        {
            WorkingDirectory = DeployFiles.RepositoryRoot,
            RedirectStandardError = true,
        };
        using var git = Process.Start(start)!;
        git.WaitForExit();
        git.ExitCode.ShouldBeOneOf([0, 1], git.StandardError.ReadToEnd());
        return git.ExitCode == 0;
    }

    [GeneratedRegex(@"\$\{([A-Z0-9_]+):\?")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"^\s*client_max_body_size\s+(\d+)([kKmMgG]?)\s*;", RegexOptions.Multiline)]
    private static partial Regex ClientMaxBodySize();
}

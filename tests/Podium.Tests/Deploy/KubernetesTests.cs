namespace Podium.Tests.Deploy;

/// <summary>deploy/k8s: every manifest parses and the Deployment keeps the promises the image and the app rely on.</summary>
public sealed class KubernetesTests
{
    /// <summary>The aspnet image's non-root user (<c>$APP_UID</c>).</summary>
    private const string AppUid = "1654";

    private static readonly string Folder = Path.Combine(DeployFiles.Deploy, "k8s");

    private static IEnumerable<string> ManifestFiles => Directory.GetFiles(Folder, "*.yaml")
        .Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal);

    private static Dictionary<string, object?> Manifest(string kind) =>
        ManifestFiles.Select(f => DeployFiles.LoadYaml(Path.GetRelativePath(DeployFiles.RepositoryRoot, f))).Single(m => m.Text("kind") == kind);

    private static Dictionary<string, object?> PodSpec(string kind) => Manifest(kind).Map("spec").Map("template").Map("spec");

    private static Dictionary<string, object?> Container(string kind) => PodSpec(kind).List("containers").Maps().Single();

    [Fact]
    public void Manifests_ParseAndLiveInThePodiumNamespace()
    {
        var kinds = new List<string>();
        foreach (var file in ManifestFiles)
        {
            var manifest = DeployFiles.LoadYaml(Path.GetRelativePath(DeployFiles.RepositoryRoot, file));
            manifest.Text("apiVersion").ShouldNotBeNullOrWhiteSpace();
            kinds.Add(manifest.Text("kind"));
            var metadata = manifest.Map("metadata");
            metadata.Text("name").ShouldNotBeNullOrWhiteSpace();
            if (manifest.Text("kind") != "Namespace")
            {
                metadata.Text("namespace").ShouldBe("podium", Path.GetFileName(file));
            }
        }

        kinds.ShouldBe(["Namespace", "ConfigMap", "Secret", "Job", "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget"], ignoreOrder: true);
    }

    [Fact]
    public void Kustomization_ListsEveryManifest()
    {
        var resources = DeployFiles.LoadYaml("deploy/k8s/kustomization.yaml").List("resources").Texts();

        resources.ShouldBe(ManifestFiles.Select(Path.GetFileName).Cast<string>(), ignoreOrder: true);
    }

    [Fact]
    public void Deployment_ProbesTheHealthEndpoints()
    {
        var container = Container("Deployment");

        Manifest("Deployment").Map("spec").Text("replicas").ShouldBe("2");
        container.Map("livenessProbe").Map("httpGet").Text("path").ShouldBe("/health/live");
        container.Map("readinessProbe").Map("httpGet").Text("path").ShouldBe("/health/ready");
        container.Map("startupProbe").Map("httpGet").Text("path").ShouldBe("/health/live");
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            container.Map(probe).Map("httpGet").Text("port").ShouldBe("http");
        }

        container.List("ports").Maps().Single().Text("containerPort").ShouldBe("8080");
        container.Map("lifecycle").Map("preStop").Map("exec").List("command").Texts().First().ShouldBe("sleep");
    }

    [Theory]
    [InlineData("Deployment")]
    [InlineData("Job")]
    public void Pods_RunAsTheImagesNonRootUserOnAReadOnlyRoot(string kind)
    {
        var pod = PodSpec(kind);
        var container = Container(kind);

        pod.Map("securityContext").Text("runAsNonRoot").ShouldBe("true");
        pod.Map("securityContext").Text("runAsUser").ShouldBe(AppUid);
        container.Map("securityContext").Text("readOnlyRootFilesystem").ShouldBe("true");
        container.Map("securityContext").Text("allowPrivilegeEscalation").ShouldBe("false");
        container.Map("securityContext").Map("capabilities").List("drop").Texts().ShouldBe(["ALL"]);

        // What the app writes: temporary files and the data directory, both emptyDir.
        var mounts = container.List("volumeMounts").Maps().ToDictionary(m => m.Text("mountPath"), m => m.Text("name"));
        mounts.Keys.ShouldBe(["/tmp", "/app/data"], ignoreOrder: true);
        var volumes = pod.List("volumes").Maps().ToDictionary(v => v.Text("name"));
        foreach (var name in mounts.Values)
        {
            volumes[name].ContainsKey("emptyDir").ShouldBeTrue();
        }

        container.Map("resources").Map("requests").Keys.ShouldBe(["cpu", "memory"], ignoreOrder: true);
        container.Map("resources").Map("limits").ContainsKey("memory").ShouldBeTrue();
        container.List("envFrom").Maps().Select(e => e.Keys.Single()).ShouldBe(["configMapRef", "secretRef"], ignoreOrder: true);
    }

    [Fact]
    public void MigrationJob_RunsDbMigrateWithTheDeploymentsImage()
    {
        var job = Container("Job");

        job.List("args").Texts().ShouldBe(["db", "migrate"]);
        job.Text("image").ShouldBe(Container("Deployment").Text("image"));
        PodSpec("Job").Text("restartPolicy").ShouldBe("Never");
    }

    [Fact]
    public void Deployment_SpreadsPodsAndDrainsGracefully()
    {
        var pod = PodSpec("Deployment");

        pod.List("topologySpreadConstraints").Maps().Select(c => c.Text("topologyKey"))
            .ShouldBe(["topology.kubernetes.io/zone", "kubernetes.io/hostname"], ignoreOrder: true);
        var preStop = int.Parse(Container("Deployment").Map("lifecycle").Map("preStop").Map("exec").List("command").Texts().Last(), System.Globalization.CultureInfo.InvariantCulture);
        // ASP.NET Core waits up to 30 s for requests in flight after SIGTERM; the grace period must cover both.
        int.Parse(pod.Text("terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(preStop + 30);
    }

    [Fact]
    public void ServiceIngressHpaAndPdb_PointAtTheDeploymentsPods()
    {
        var podLabels = Manifest("Deployment").Map("spec").Map("template").Map("metadata").Map("labels");
        Manifest("Deployment").Map("spec").Map("selector").Map("matchLabels").ShouldBeSubsetOf(podLabels);
        Manifest("Service").Map("spec").Map("selector").ShouldBeSubsetOf(podLabels);
        Manifest("PodDisruptionBudget").Map("spec").Map("selector").Map("matchLabels").ShouldBeSubsetOf(podLabels);

        var servicePort = Manifest("Service").Map("spec").List("ports").Maps().Single();
        servicePort.Text("targetPort").ShouldBe(Container("Deployment").List("ports").Maps().Single().Text("name"));

        var ingress = Manifest("Ingress");
        ingress.Map("spec").Text("ingressClassName").ShouldBe("nginx");
        ingress.Map("spec").List("tls").ShouldNotBeEmpty();
        var backend = ingress.Map("spec").List("rules").Maps().Single().Map("http").List("paths").Maps().Single().Map("backend").Map("service");
        backend.Text("name").ShouldBe(Manifest("Service").Map("metadata").Text("name"));
        backend.Map("port").Text("name").ShouldBe(servicePort.Text("name"));
        ingress.Map("metadata").Map("annotations").Text("nginx.ingress.kubernetes.io/proxy-read-timeout").ShouldNotBeNullOrWhiteSpace();

        var hpa = Manifest("HorizontalPodAutoscaler");
        hpa.Text("apiVersion").ShouldBe("autoscaling/v2");
        hpa.Map("spec").Map("scaleTargetRef").Text("name").ShouldBe(Manifest("Deployment").Map("metadata").Text("name"));
        hpa.Map("spec").List("metrics").Maps().Single().Map("resource").Text("name").ShouldBe("cpu");
    }

    [Fact]
    public void Secret_HoldsPlaceholdersOnly()
    {
        var values = Manifest("Secret").Map("stringData");

        values.ShouldNotBeEmpty();
        foreach (var (key, value) in values)
        {
            ((string)value!).ShouldContain("CHANGE-ME", customMessage: $"{key} looks like a real secret");
        }
    }
}

internal static class MapAssertions
{
    public static void ShouldBeSubsetOf(this Dictionary<string, object?> subset, Dictionary<string, object?> superset)
    {
        subset.ShouldNotBeEmpty();
        foreach (var (key, value) in subset)
        {
            superset.ShouldContainKeyAndValue(key, value);
        }
    }
}

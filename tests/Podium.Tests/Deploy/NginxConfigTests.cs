using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Deploy;

/// <summary>deploy/nginx/nginx.conf accepted by a real nginx (Debian's; scripts/test.sh installs it).</summary>
public sealed class NginxConfigTests
{
    [Fact]
    public async Task NginxConf_PassesNginxConfigTest()
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);
        if (nginx is null)
        {
            const string reason = "nginx is not installed (apt-get install nginx; scripts/test.sh installs it).";
            if (TestServices.InCi)
            {
                throw new InvalidOperationException($"CI=true requires nginx. {reason}");
            }

            Assert.Skip(reason);
        }

        // What differs on this machine from the compose network: the instances' names do not resolve here (nginx
        // resolves upstream servers while checking), and the certificate is generated rather than mounted.
        var directory = Directory.CreateTempSubdirectory("podium-nginx-").FullName;
        WriteSelfSignedCertificate(Path.Combine(directory, "podium.crt"), Path.Combine(directory, "podium.key"));
        var config = DeployFiles.Read("deploy/nginx/nginx.conf")
            .Replace("server app1:8080", "server 127.0.0.1:18081", StringComparison.Ordinal)
            .Replace("server app2:8080", "server 127.0.0.1:18082", StringComparison.Ordinal)
            .Replace("/etc/nginx/certs/", directory + "/", StringComparison.Ordinal);
        config.ShouldNotContain("app1");
        var file = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(file, config, TestContext.Current.CancellationToken);

        var start = new ProcessStartInfo(nginx, ["-t", "-c", file, "-p", directory + "/"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        process.ExitCode.ShouldBe(0, error);
        error.ShouldContain("syntax is ok");
        error.ShouldNotContain("[warn]");
        Directory.Delete(directory, recursive: true);
    }

    private static void WriteSelfSignedCertificate(string certificatePath, string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }
}

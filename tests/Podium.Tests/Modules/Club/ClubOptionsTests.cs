using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Modules.Club;

/// <summary>The club's operator settings (<c>Podium:Club</c>): bound, used, and refused at start when out of range.</summary>
public sealed class ClubOptionsTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("1024")]
    [InlineData("0")]
    [InlineData("1073741824")]
    public async Task Start_WhenTheImportLimitIsOutOfRange_IsRefusedNamingTheSetting(string bytes)
    {
        var refused = await Should.ThrowAsync<OptionsValidationException>(() => PlatformTestHost.StartAsync(
            "Development", new Dictionary<string, string?> { ["Podium:Club:ImportMaxFileBytes"] = bytes }, _ => { }, _ct));

        refused.Failures.ShouldHaveSingleItem().ShouldStartWith($"Podium:Club:ImportMaxFileBytes is {bytes}; it must be between");
    }

    [Fact]
    public async Task Start_InProductionWithABadImportLimit_Exits2WithOneLineNamingIt()
    {
        var start = await PodiumProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Podium__PublicUrl"] = "https://podium.example.org",
                ["Podium__Email__SmtpHost"] = "smtp.example.org",
                ["Podium__Email__From"] = "Podium <no-reply@example.org>",
                ["Podium__Club__ImportMaxFileBytes"] = "4",
            },
            "--urls", "http://127.0.0.1:0");

        start.ExitCode.ShouldBe(2, start.ToString());
        start.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ShouldHaveSingleItem().ShouldStartWith("Podium will not start: Podium:Club:ImportMaxFileBytes is 4;", Case.Sensitive, start.ToString());
    }

    [Fact]
    public async Task Start_WithTheDefaults_Serves()
    {
        await using var host = await PlatformTestHost.StartAsync("Development", new Dictionary<string, string?>(), _ => { }, _ct);

        (await host.Client.GetAsync("/club", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upload_WhenTheOperatorLowersTheImportLimit_RefusesAFileOverIt(DatabaseProvider provider)
    {
        var limit = new BodyLimitFeature();
        await using var app = (await PodiumAppFactory.CreateAsync(provider)).WithSetting("Podium:Club:ImportMaxFileBytes", "65536")
            .WithServices(s => s.AddSingleton<IStartupFilter>(new UploadBodyLimit(limit)));
        var (officer, _) = await FormSession.SignedInAdminAsync(app, $"officer-{Guid.NewGuid():N}@example.org");
        var token = FormSession.TokenOf(await officer.GetPageAsync("/club/manage/import"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(new string('x', 100_000)));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Files", "anglers.csv");

        var response = await officer.Client.PostAsync("/club/manage/import", form, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("anglers.csv is larger than 64 KB.");
        limit.MaxRequestBodySize.ShouldBe(8 * 65536, "Kestrel's limit for the upload is raised to eight files at the setting");
    }

    /// <summary>Kestrel's per-request body limit, which the in-memory server does not have: here it is only recorded.</summary>
    private sealed class BodyLimitFeature : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;

        public long? MaxRequestBodySize { get; set; } = 1024 * 1024;
    }

    /// <summary>Gives the import page's uploads the recording feature, as Kestrel gives each request its own.</summary>
    private sealed class UploadBodyLimit(BodyLimitFeature limit) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/club/manage/import")
                {
                    context.Features.Set<IHttpMaxRequestBodySizeFeature>(limit);
                }

                return then(context);
            });
            next(app);
        };
    }
}

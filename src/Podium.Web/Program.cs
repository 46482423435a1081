using Podium.Platform;
using Podium.Platform.Cli;
using Podium.Platform.Identity;
using Podium.Platform.Modules;
using Podium.Web;

// One binary: `podium <command>` runs a CLI command (db migrate, db status, seed demo, …); no arguments serve the app.
// `podium health` (container health checks) answers before anything is composed: fast, and needing no settings.
if (PodiumCli.IsStandalone(args))
{
    return await PodiumCli.InvokeStandaloneAsync(args, PodiumProduct.Info, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform(args, PodiumProduct.Info);
builder.AddModules(PodiumModules.All);
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Account/Manage", Policies.SignedIn);
    options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
});
builder.Services.Configure<RouteOptions>(options => options.LowercaseUrls = true);

var app = builder.Build();
app.MapPlatform();
app.MapModules();
// Fingerprinted files the browser caches for good: counting them would only spend visitors' allowance.
app.MapStaticAssets().DisableRateLimiting();
app.MapRazorPages().WithStaticAssets();

return await app.RunPodiumAsync(args);

/// <summary>The entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;

using Podium.Platform;
using Podium.Platform.Leaderboards;
using Podium.Platform.Modules;
using Podium.Web;

// The app's composition (as Program) and CLI, plus a board family no module declares: `db migrate`, `leaderboard seed bench:global`, …
var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform(args, PodiumProduct.Info);
builder.AddModules(PodiumModules.All);
builder.Services.AddLeaderboardFamily(new LeaderboardFamily("bench", [
    ScoreComponent.HigherFirst("points", 0, 2_000_000),
    ScoreComponent.HigherFirst("accuracy", 0, 1),
    ScoreComponent.LowerFirst("firstEntryAt", 0, ScoreComponent.ExactLimit),
]));
var app = builder.Build();
return await app.RunPodiumAsync(args);

using Podium.Platform;
using Podium.Platform.Leaderboards;

// The app's composition (AddPlatform) and CLI, plus a board family: `db migrate`, `leaderboard seed bench:global`, …
var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform(args, new ProductInfo("Leaderboard benchmarks on Podium's platform."));
builder.Services.AddLeaderboardFamily(new LeaderboardFamily("bench", [
    ScoreComponent.HigherFirst("points", 0, 2_000_000),
    ScoreComponent.HigherFirst("accuracy", 0, 1),
    ScoreComponent.LowerFirst("firstEntryAt", 0, ScoreComponent.ExactLimit),
]));
var app = builder.Build();
return await app.RunPodiumAsync(args);

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Platform.Settings;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Data;

public abstract class SettingsStoreTests(AppFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetAsync_WhenKeyIsNew_IsReadBackByAnotherScope()
    {
        await using (var scope = fixture.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISettingsStore>().SetAsync("test.new-key", "Lake Travis — 5 fish, 12.34 lb 🎣", _ct);
        }

        await using var reader = fixture.CreateScope();
        (await reader.ServiceProvider.GetRequiredService<ISettingsStore>().GetAsync("test.new-key", _ct))
            .ShouldBe("Lake Travis — 5 fish, 12.34 lb 🎣");
    }

    [Fact]
    public async Task SetAsync_WhenKeyExists_ReplacesValueAndAdvancesUpdatedAt()
    {
        await using var scope = fixture.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ISettingsStore>();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();

        await store.SetAsync("test.replace", "first", _ct);
        var firstWrite = await UpdatedAtAsync(db, "test.replace");
        await Task.Delay(20, _ct);
        await store.SetAsync("test.replace", "second", _ct);

        (await store.GetAsync("test.replace", _ct)).ShouldBe("second");
        (await UpdatedAtAsync(db, "test.replace")).ShouldBeGreaterThan(firstWrite);
        (await db.Set<PlatformSetting>().CountAsync(s => s.Key == "test.replace", _ct)).ShouldBe(1);
    }

    [Fact]
    public async Task RemoveAsync_WhenKeyExists_DeletesItAndReportsWhetherItExisted()
    {
        await using var scope = fixture.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ISettingsStore>();
        await store.SetAsync("test.remove", "x", _ct);

        (await store.RemoveAsync("test.remove", _ct)).ShouldBeTrue();
        (await store.GetAsync("test.remove", _ct)).ShouldBeNull();
        (await store.RemoveAsync("test.remove", _ct)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Site.Name")]
    [InlineData("site name")]
    [InlineData("site..name")]
    [InlineData(".site")]
    [InlineData("site.")]
    [InlineData("'; DROP TABLE platform_settings; --")]
    [InlineData("ключ")]
    public async Task SetAsync_WhenKeyIsGarbage_RejectsItAndWritesNothing(string key)
    {
        await using var scope = fixture.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ISettingsStore>();
        var before = await store.GetAllAsync(_ct);

        var error = await Should.ThrowAsync<ArgumentException>(() => store.SetAsync(key, "value", _ct));

        error.Message.ShouldContain("setting key");
        (await store.GetAllAsync(_ct)).ShouldBe(before);
    }

    [Fact]
    public async Task SetAsync_WhenKeyIsLongerThan128_RejectsIt()
    {
        await using var scope = fixture.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ISettingsStore>();

        await Should.ThrowAsync<ArgumentException>(() => store.SetAsync(new string('a', 129), "v", _ct));
        await store.SetAsync(new string('a', 128), "v", _ct);
        (await store.GetAsync(new string('a', 128), _ct)).ShouldBe("v");
    }

    [Theory]
    [InlineData("nul\0byte")]
    [InlineData("bell\a")]
    [InlineData("escape\u001b[31m")]
    public async Task SetAsync_WhenValueHasControlCharacters_RejectsItAndKeepsTheOldValue(string value)
    {
        await using var scope = fixture.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ISettingsStore>();
        await store.SetAsync("test.control", "kept", _ct);

        await Should.ThrowAsync<ArgumentException>(() => store.SetAsync("test.control", value, _ct));

        (await store.GetAsync("test.control", _ct)).ShouldBe("kept");
    }

    [Fact]
    public async Task SetAsync_WhenValueIsTooLong_RejectsItButAcceptsTheMaximumWithLineBreaks()
    {
        await using var scope = fixture.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ISettingsStore>();

        await Should.ThrowAsync<ArgumentException>(() => store.SetAsync("test.long", new string('x', 4001), _ct));
        var longest = string.Concat(Enumerable.Repeat("line\r\n\t", 4000 / 7)).PadRight(4000, 'x');
        await store.SetAsync("test.long", longest, _ct);

        (await store.GetAsync("test.long", _ct)).ShouldBe(longest);
    }

    private static async Task<DateTime> UpdatedAtAsync(PodiumDbContext db, string key)
    {
        var updatedAt = await db.Set<PlatformSetting>().AsNoTracking().Where(s => s.Key == key).Select(s => s.UpdatedAt).SingleAsync();
        return updatedAt;
    }
}

public sealed class SettingsStoreTests_Sqlite(SqliteAppFixture fixture) : SettingsStoreTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class SettingsStoreTests_Postgres(PostgresAppFixture fixture) : SettingsStoreTests(fixture), IClassFixture<PostgresAppFixture>;

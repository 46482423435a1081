using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Platform.Settings;
using Podium.Tests.Data;

namespace Podium.Tests.Audit;

/// <summary>Audit rows written in the change's own transaction: they commit, roll back and are retried with it, and the chain holds.</summary>
public abstract class AuditInTransactionTests(TransactionRetryFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected TransactionRetryFixture Fixture => fixture;

    protected CancellationToken Ct => _ct;

    protected async Task<int> AuditRowsAsync(string target)
    {
        await using var scope = fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>().CountAsync(e => e.Target == target, _ct);
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var scope = fixture.CreateScope();
        return await AuditLog.VerifyAsync(scope.ServiceProvider.GetRequiredService<PodiumDbContext>(), _ct);
    }

    [Fact]
    public async Task ConcurrentAuditedWrites_InTheirTransactionsAndOnTheirOwn_KeepTheChainIntact()
    {
        var target = $"test:{Guid.NewGuid():N}";
        var writers = Enumerable.Range(0, 24).Select(async i =>
        {
            await Task.Yield();
            await using var scope = fixture.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            if (i % 3 == 0)
            {
                await audit.RecordAsync("test.audited", AuditOutcome.Success, null, target, new { i }, _ct);
                return;
            }

            await db.InTransactionAsync(async ct =>
            {
                db.Add(new PlatformSetting { Key = $"{target}.{i}", Value = "v", UpdatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync(ct);
                await audit.RecordInTransactionAsync(db, "test.audited", AuditOutcome.Success, null, target, new { i }, ct);
            }, cancellationToken: _ct);
        });

        await Task.WhenAll(writers);

        (await AuditRowsAsync(target)).ShouldBe(24);
        var verification = await VerifyAsync();
        verification.Problem.ShouldBeNull();
        verification.Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Unit_WhenItFailsAfterAuditing_LeavesNoAuditRow()
    {
        var target = $"test:{Guid.NewGuid():N}";
        await using (var scope = fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            await Should.ThrowAsync<InvalidOperationException>(() => db.InTransactionAsync(async ct =>
            {
                await audit.RecordInTransactionAsync(db, "test.audited", AuditOutcome.Success, null, target, cancellationToken: ct);
                throw new InvalidOperationException("The change fails after its audit row was written.");
            }, cancellationToken: _ct));
        }

        (await AuditRowsAsync(target)).ShouldBe(0);
        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task RecordInTransaction_OutsideATransaction_Throws()
    {
        await using var scope = fixture.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();

        await Should.ThrowAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordInTransactionAsync(db, "test.audited", AuditOutcome.Success, null, "test:none", cancellationToken: _ct));
    }
}

public sealed class SqliteAuditInTransactionTests(SqliteTransactionRetryFixture fixture)
    : AuditInTransactionTests(fixture), IClassFixture<SqliteTransactionRetryFixture>;

public sealed class PostgresAuditInTransactionTests(PostgresTransactionRetryFixture fixture)
    : AuditInTransactionTests(fixture), IClassFixture<PostgresTransactionRetryFixture>
{
    [Fact]
    public async Task Unit_WhenItsConnectionIsTerminatedAfterAuditing_IsRetriedAndAuditedOnce()
    {
        var target = $"test:{Guid.NewGuid():N}";
        var attempts = 0;
        await using (var scope = Fixture.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PodiumDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            await db.InTransactionAsync(async ct =>
            {
                attempts++;
                await audit.RecordInTransactionAsync(db, "test.audited", AuditOutcome.Success, null, target, new { attempts }, ct);
                if (attempts == 1)
                {
                    var pid = (await db.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").ToListAsync(ct)).Single();
                    await using var admin = new NpgsqlConnection(Fixture.App.Services.GetRequiredService<DatabaseConnection>().ConnectionString);
                    await admin.OpenAsync(ct);
                    await using var terminate = new NpgsqlCommand($"SELECT pg_terminate_backend({pid})", admin);
                    await terminate.ExecuteScalarAsync(ct);
                    await Task.Delay(200, ct);
                }
            }, cancellationToken: Ct);
        }

        attempts.ShouldBe(2);
        (await AuditRowsAsync(target)).ShouldBe(1);
    }
}

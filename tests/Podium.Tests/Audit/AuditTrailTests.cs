using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Audit;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Audit;

public abstract class AuditTrailTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task RecordSomeAsync(PodiumAppFactory app, int count)
    {
        var audit = app.Services.GetRequiredService<IAuditLog>();
        for (var i = 0; i < count; i++)
        {
            await audit.RecordAsync("test.event", AuditOutcome.Success, Guid.CreateVersion7(), $"target-{i}", new { number = i }, Ct);
        }
    }

    private static async Task<AuditVerification> VerifyAsync(PodiumAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await AuditLog.VerifyAsync(scope.ServiceProvider.GetRequiredService<PodiumDbContext>(), Ct);
    }

    private static async Task ExecuteAsync(PodiumAppFactory app, string sql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Database.ExecuteSqlRawAsync(sql, Ct);
    }

    private static async Task<List<long>> IdsAsync(PodiumAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>().OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(Ct);
    }

    [Fact]
    public async Task Verify_OnAnUntouchedTrail_PassesForEveryRow()
    {
        await using var app = await PodiumAppFactory.CreateAsync(provider);
        await RecordSomeAsync(app, 5);

        var result = await VerifyAsync(app);

        result.Intact.ShouldBeTrue(result.Problem);
        result.RowsChecked.ShouldBe(5);
    }

    [Fact]
    public async Task Verify_AfterARowIsEditedInSql_NamesThatRow()
    {
        await using var app = await PodiumAppFactory.CreateAsync(provider);
        await RecordSomeAsync(app, 5);
        var edited = (await IdsAsync(app))[2];

        await ExecuteAsync(app, $"UPDATE platform_audit_events SET outcome = 'failure' WHERE id = {edited}");
        var result = await VerifyAsync(app);

        result.BrokenAtId.ShouldBe(edited);
        result.Problem.ShouldNotBeNull().ShouldContain("edited");
    }

    [Fact]
    public async Task Verify_AfterARowIsDeletedInSql_NamesTheRowAfterTheGap()
    {
        await using var app = await PodiumAppFactory.CreateAsync(provider);
        await RecordSomeAsync(app, 5);
        var ids = await IdsAsync(app);

        await ExecuteAsync(app, $"DELETE FROM platform_audit_events WHERE id = {ids[1]}");
        var result = await VerifyAsync(app);

        result.BrokenAtId.ShouldBe(ids[2]);
        result.Problem.ShouldNotBeNull().ShouldContain("deleted");
    }

    [Fact]
    public async Task Record_FromManyCallersAtOnce_KeepsOneUnbrokenChain()
    {
        await using var app = await PodiumAppFactory.CreateAsync(provider);
        var audit = app.Services.GetRequiredService<IAuditLog>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => audit.RecordAsync("test.parallel", AuditOutcome.Success, null, $"t{i}", cancellationToken: Ct)));

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeTrue(result.Problem);
        result.RowsChecked.ShouldBe(20);
    }

    [Fact]
    public async Task Record_RedactsSecretsInDetails()
    {
        await using var app = await PodiumAppFactory.CreateAsync(provider);

        await app.Services.GetRequiredService<IAuditLog>().RecordAsync("test.secret", AuditOutcome.Success, null, null,
            new { password = "hunter2", nested = new { apiToken = "pod_abc", keep = "visible" }, items = new[] { new { recoveryCode = "AAAAA-BBBBB" } } }, Ct);

        await using var scope = app.Services.CreateAsyncScope();
        var details = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<AuditEvent>().Select(e => e.Details).SingleAsync(Ct);
        details.ShouldNotBeNull();
        details.ShouldNotContain("hunter2");
        details.ShouldNotContain("pod_abc");
        details.ShouldNotContain("AAAAA");
        details.ShouldContain("visible");
    }

    [Fact]
    public async Task AuditVerifyCommand_ExitsOneNamingTheEditedRow()
    {
        await using var app = await PodiumAppFactory.CreateAsync(provider);
        await RecordSomeAsync(app, 3);
        var environment = new Dictionary<string, string>
        {
            ["Podium__Database__Provider"] = provider.ToString(),
            ["ConnectionStrings__Podium"] = app.Database.ConnectionString,
        };

        var intact = await PodiumProcess.RunAsync(environment, "audit", "verify");
        intact.ExitCode.ShouldBe(0, intact.ToString());
        intact.Output.ShouldContain("intact (3 row(s))");

        var target = (await IdsAsync(app))[1];
        await ExecuteAsync(app, $"UPDATE platform_audit_events SET target = 'someone-else' WHERE id = {target}");
        var broken = await PodiumProcess.RunAsync(environment, "audit", "verify");

        broken.ExitCode.ShouldBe(1, broken.ToString());
        broken.Error.ShouldContain($"broken at row {target}");
    }
}

public sealed class AuditTrailTests_Sqlite() : AuditTrailTests(DatabaseProvider.Sqlite);

public sealed class AuditTrailTests_Postgres() : AuditTrailTests(DatabaseProvider.Postgres);

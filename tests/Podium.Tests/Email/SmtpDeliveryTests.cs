using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Podium.Platform.Data;
using Podium.Tests.Infrastructure;

namespace Podium.Tests.Email;

/// <summary>E-mail over real SMTP (MailKit) to a minimal SMTP server on a loopback port.</summary>
public sealed class SmtpDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Just enough of RFC 5321 to receive mail: greeting, EHLO, MAIL, RCPT, DATA, QUIT.</summary>
    private sealed class SmtpSink : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        private int _failuresLeft;

        /// <param name="failFirst">Answers the first message's DATA with a temporary failure after reading it all, as a
        /// server does when it took the message but could not say so: the sender must try again.</param>
        public SmtpSink(int port = 0, bool failFirst = false)
        {
            _failuresLeft = failFirst ? 1 : 0;
            _listener = new TcpListener(IPAddress.Loopback, port);
            _listener.Start();
            _loop = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public ConcurrentQueue<string> Messages { get; } = new();

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    await ServeAsync(client);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink ready");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 sink");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go ahead");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.AppendLine(dataLine);
                        }

                        Messages.Enqueue(data.ToString());
                        await writer.WriteLineAsync(Interlocked.Decrement(ref _failuresLeft) >= 0 ? "451 try again later" : "250 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }

    private static async Task<PodiumAppFactory> AppSendingToAsync(int port)
    {
        var app = await PodiumAppFactory.CreateAsync(DatabaseProvider.Sqlite);
        app.WithSetting("Podium:Outbox:PollInterval", "00:00:00.250")
            .WithSetting("Podium:Outbox:RetryBaseDelay", "00:00:00.050")
            .WithSetting("Podium:Outbox:MaxRetryDelay", "00:00:00.200")
            .WithSetting("Podium:Email:PickupDirectory", "")
            .WithSetting("Podium:Email:SmtpHost", "127.0.0.1")
            .WithSetting("Podium:Email:SmtpPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Podium:Email:SmtpSecurity", "None");
        return app;
    }

    private static async Task SignUpAsync(PodiumAppFactory app, string email) =>
        (await new FormSession(app).SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Casey Rivers",
            ["Input.Email"] = email,
            ["Input.Password"] = "marble kettle orbit lantern",
            ["Input.ConfirmPassword"] = "marble kettle orbit lantern",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

    private static async Task<string> WaitForAsync(SmtpSink sink, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (sink.Messages.TryPeek(out var message))
            {
                return message;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException("No message reached the SMTP server.");
    }

    [Fact]
    public async Task SignUp_SendsTheConfirmationOverSmtpWithTextAndHtml()
    {
        await using var sink = new SmtpSink();
        await using var app = await AppSendingToAsync(sink.Port);

        await SignUpAsync(app, "casey@example.org");

        var raw = await WaitForAsync(sink, TimeSpan.FromSeconds(10));
        var message = await MimeKit.MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(raw)), Ct);
        message.To.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe("casey@example.org");
        message.To.Mailboxes.Single().Name.ShouldBe("Casey Rivers");
        message.Subject.ShouldBe("Confirm your e-mail address for Podium");
        message.TextBody.ShouldNotBeNull().ShouldContain("/account/confirm-email?userId=");
        message.HtmlBody.ShouldNotBeNull().ShouldContain("Confirm my e-mail address");
    }

    [Fact]
    public async Task Sending_WhileTheServerIsDown_RetriesUntilItIsBack()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var app = await AppSendingToAsync(port);
        // The sign-up completes (its redirect is asserted) although no SMTP server answers: sending is queued.
        await SignUpAsync(app, "casey@example.org");

        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        await using var sink = new SmtpSink(port);

        (await WaitForAsync(sink, TimeSpan.FromSeconds(15))).ShouldContain("Confirm your e-mail address");
    }

    [Fact]
    public async Task Sending_AgainAfterAFailedAttempt_CarriesTheSameMessageId_TheOutboxMessagesOwn()
    {
        await using var sink = new SmtpSink(failFirst: true);
        await using var app = await AppSendingToAsync(sink.Port);

        await SignUpAsync(app, "casey@example.org");

        await Eventually.HoldsAsync(() => Task.FromResult(sink.Messages.Count >= 2), TimeSpan.FromSeconds(15), "the retry to reach the server");
        var ids = new List<string>();
        foreach (var raw in sink.Messages)
        {
            ids.Add((await MimeKit.MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(raw)), Ct)).MessageId.ShouldNotBeNull());
        }

        ids.Distinct().ShouldHaveSingleItem("a receiver drops the repeat by its Message-ID");
        await using var scope = app.Services.CreateAsyncScope();
        var outboxId = await scope.ServiceProvider.GetRequiredService<PodiumDbContext>().Set<Podium.Platform.Outbox.OutboxMessage>()
            .Where(m => m.Type == "email.send").Select(m => m.Id).SingleAsync(Ct);
        ids[0].ShouldStartWith($"{outboxId:N}@");
    }
}

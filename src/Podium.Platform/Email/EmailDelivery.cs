using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Podium.Platform.Email;

/// <summary>Puts messages on an in-process queue that <see cref="EmailDispatcher"/> drains.</summary>
internal sealed class QueuedEmailSender(Channel<EmailMessage> queue) : IEmailSender
{
    public ValueTask QueueAsync(EmailMessage message, CancellationToken cancellationToken) =>
        queue.Writer.WriteAsync(message, cancellationToken);
}

/// <summary>Turns a message into MIME and hands it over: to an SMTP server, or as a file to the pickup folder.</summary>
internal sealed class EmailTransport(IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider time)
{
    public string? PickupDirectory => string.IsNullOrWhiteSpace(options.Value.PickupDirectory)
        ? null
        : Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = ToMime(message);
        if (PickupDirectory is { } pickup)
        {
            Directory.CreateDirectory(pickup);
            // Written under a temporary name and renamed, so a reader never sees half a message.
            var name = $"{time.GetUtcNow().UtcTicks:D20}-{Guid.NewGuid():N}";
            var temporary = Path.Combine(pickup, name + ".tmp");
            await mime.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, Path.Combine(pickup, name + ".eml"));
            return;
        }

        var smtp = options.Value;
        using var client = new SmtpClient();
        var security = smtp.SmtpSecurity switch
        {
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(smtp.SmtpHost ?? "", smtp.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.SmtpUser))
        {
            await client.AuthenticateAsync(smtp.SmtpUser, smtp.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private MimeMessage ToMime(EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}

/// <summary>Delivers queued messages one by one, retrying a failed one with exponential backoff.</summary>
internal sealed partial class EmailDispatcher(
    Channel<EmailMessage> queue,
    EmailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<EmailDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await transport.SendAsync(message, stoppingToken);
                    LogSent(logger, message.Subject, attempt);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < options.Value.MaxAttempts)
                {
                    var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                    LogRetry(logger, ex, message.Subject, attempt, delay.TotalSeconds);
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogGaveUp(logger, ex, message.Subject, attempt);
                    break;
                }
            }
        }
    }

    // Addresses are personal data: the logs name the subject, never the recipient.
    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail '{Subject}' delivered (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string subject, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail '{Subject}' failed (attempt {Attempt}); retrying in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, Exception exception, string subject, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail '{Subject}' given up after {Attempt} attempts")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string subject, int attempt);
}

namespace Podium.Platform.Email;

public sealed record EmailMessage(string To, string ToName, string Subject, string TextBody, string HtmlBody);

/// <summary>
/// Sends e-mail without making the request wait for SMTP: the message is queued and delivered in the background
/// with retries. (Until the outbox exists a queued message is lost if the process stops before delivery.)
/// </summary>
public interface IEmailSender
{
    ValueTask QueueAsync(EmailMessage message, CancellationToken cancellationToken);
}

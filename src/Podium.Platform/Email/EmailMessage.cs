namespace Podium.Platform.Email;

public sealed record EmailMessage(string To, string ToName, string Subject, string TextBody, string HtmlBody);

/// <summary>
/// Sends e-mail without making the request wait for SMTP: the message goes to the outbox (<c>email.send</c>) and is
/// delivered in the background, at least once, with retries; it survives a restart.
/// </summary>
public interface IEmailSender
{
    ValueTask QueueAsync(EmailMessage message, CancellationToken cancellationToken);
}

using System.ComponentModel.DataAnnotations;

namespace Podium.Platform.Email;

public enum SmtpSecurity
{
    StartTls,
    SslOnConnect,
    None,
}

public sealed class EmailOptions
{
    public const string SectionName = "Podium:Email";

    /// <summary>Sender shown to people, e.g. <c>Podium &lt;no-reply@example.org&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "Podium <no-reply@podium.invalid>";

    /// <summary>
    /// Write each message as an .eml file here instead of sending it (relative to the content root). Development and
    /// tests use <c>data/mail</c>; set it in Production only on purpose.
    /// </summary>
    public string? PickupDirectory { get; set; }

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.StartTls;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }
}

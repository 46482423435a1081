namespace Podium.Modules.Club.Domain;

internal enum NewsStatus
{
    Draft,
    Published,
}

internal sealed class NewsPost
{
    public const int MaxTitleLength = 150;
    public const int MaxMarkdownLength = 20_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Title { get; set; } = "";

    public string Markdown { get; set; } = "";

    /// <summary>Rendered from <see cref="Markdown"/> and sanitised when saved, so pages never render untrusted HTML.</summary>
    public string Html { get; set; } = "";

    public NewsStatus Status { get; set; }

    public bool Pinned { get; set; }

    public Guid AuthorId { get; set; }

    public string AuthorName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>When the members' e-mail was queued; set once, so republishing never mails twice.</summary>
    public DateTime? EmailedAt { get; set; }
}

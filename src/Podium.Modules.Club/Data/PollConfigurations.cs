using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Podium.Modules.Club.Data;

internal sealed class PollConfiguration : IEntityTypeConfiguration<Poll>
{
    public void Configure(EntityTypeBuilder<Poll> builder)
    {
        builder.ToTable("club_polls");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Title).HasMaxLength(Poll.MaxTitleLength);
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.HasIndex(p => new { p.ClosedAt, p.ClosesAt });
        builder.HasOne(p => p.Tournament).WithMany().HasForeignKey(p => p.TournamentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(p => p.Options).WithOne().HasForeignKey(o => o.PollId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PollOptionConfiguration : IEntityTypeConfiguration<PollOption>
{
    public void Configure(EntityTypeBuilder<PollOption> builder)
    {
        builder.ToTable("club_poll_options");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Text).HasMaxLength(PollOption.MaxTextLength);
        builder.HasOne(o => o.Lake).WithMany().HasForeignKey(o => o.LakeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Ramp).WithMany().HasForeignKey(o => o.RampId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PollVoteConfiguration : IEntityTypeConfiguration<PollVote>
{
    public void Configure(EntityTypeBuilder<PollVote> builder)
    {
        builder.ToTable("club_poll_votes");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.OtherText).HasMaxLength(PollVote.MaxOtherLength);

        // One vote per member per poll, enforced where two concurrent requests cannot both pass.
        builder.HasIndex(v => new { v.PollId, v.AnglerId }).IsUnique();
        builder.HasOne<Poll>().WithMany().HasForeignKey(v => v.PollId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Angler>().WithMany().HasForeignKey(v => v.AnglerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PollOption>().WithMany().HasForeignKey(v => v.OptionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NewsPostConfiguration : IEntityTypeConfiguration<NewsPost>
{
    public void Configure(EntityTypeBuilder<NewsPost> builder)
    {
        builder.ToTable("club_news_posts");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Title).HasMaxLength(NewsPost.MaxTitleLength);
        builder.Property(p => p.Markdown).HasMaxLength(NewsPost.MaxMarkdownLength);
        builder.Property(p => p.Html).HasMaxLength(NewsPost.MaxMarkdownLength * 3);
        builder.Property(p => p.AuthorName).HasMaxLength(100);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(p => new { p.Status, p.Pinned, p.PublishedAt });
    }
}

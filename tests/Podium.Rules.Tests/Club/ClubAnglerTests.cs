using Podium.Modules.Club.Domain;

namespace Podium.Rules.Tests.Club;

public sealed class ClubAnglerTests
{
    [Fact]
    public void Erase_WhenTheAccountIsDeleted_KeepsTheRowButNotTheNameContactsOrLink()
    {
        var id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        var angler = new Angler
        {
            Id = id,
            UserId = Guid.NewGuid(),
            Name = "Dale Harper",
            Email = "dale@example.org",
            Phone = "512-555-0142",
            Kind = MembershipKind.Member,
            DuesPaidThrough = new DateOnly(2026, 12, 31),
            NewsEmails = true,
        };

        angler.Erase();

        angler.Id.ShouldBe(id);
        angler.Name.ShouldBe(Angler.ErasedName);
        angler.Name.ShouldBe("Former angler");
        // Unique per angler, and at a domain that can never receive mail nor match a new account's address.
        angler.Email.ShouldBe("erased-0193a1b2c3d47e5f8a9b0c1d2e3f4a5b@erased.invalid");
        angler.Phone.ShouldBeNull();
        angler.UserId.ShouldBeNull();
        angler.NewsEmails.ShouldBeFalse();
        // What the club's records need stays: standing and kind count in the season's history.
        angler.Kind.ShouldBe(MembershipKind.Member);
        angler.DuesPaidThrough.ShouldBe(new DateOnly(2026, 12, 31));
    }
}

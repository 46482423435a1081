using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;
using Podium.Platform.Email;

namespace Podium.Web.Pages.Dev;

/// <summary>Development only: the e-mail Podium "sent", read from the pickup folder, newest first.</summary>
public sealed class MailModel(IWebHostEnvironment environment) : PageModel
{
    public sealed record Message(string File, DateTimeOffset Date, string To, string Subject, string Text);

    public IReadOnlyList<Message> Messages { get; private set; } = [];

    public string? Folder { get; private set; }

    public IActionResult OnGet()
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        Folder = HttpContext.RequestServices.GetRequiredService<EmailTransport>().PickupDirectory;
        if (Folder is not null && Directory.Exists(Folder))
        {
            Messages = [.. Directory.GetFiles(Folder, "*.eml")
                .OrderDescending(StringComparer.Ordinal)
                .Take(100)
                .Select(file =>
                {
                    var mime = MimeMessage.Load(file);
                    return new Message(Path.GetFileName(file), mime.Date, mime.To.ToString(), mime.Subject ?? "", mime.TextBody ?? "");
                })];
        }

        return Page();
    }
}

namespace Podium.Browser.Tests;

public sealed class LiveUpdatesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ElementFollowingATopic_ReceivesTheUpdateTheServerPublishes()
    {
        var (page, problems) = await browser.OpenAsync();
        await page.GotoAsync("/");
        var topic = $"{BrowserFixture.LiveTopic}:{Guid.NewGuid():N}";

        // What a page says in markup (data-live-topic, data-live-status and the two scripts), added here because no
        // platform page follows a topic yet. The scripts load from 'self', as the content security policy requires.
        await page.EvaluateAsync("""
            async topic => {
                const followed = document.createElement('div');
                followed.id = 'followed';
                followed.dataset.liveTopic = topic;
                followed.addEventListener('live', e => { followed.dataset.received = JSON.stringify(e.detail); });
                const status = document.createElement('span');
                status.id = 'status';
                status.dataset.liveStatus = '';
                document.body.append(followed, status);
                for (const src of ['/lib/signalr/signalr.min.js', '/js/live.js']) {
                    await new Promise((resolve, reject) => {
                        const script = document.createElement('script');
                        script.src = src;
                        script.onload = resolve;
                        script.onerror = reject;
                        document.head.append(script);
                    });
                }
            }
            """, topic);
        await page.Locator("#status[data-live-state='live']").WaitForAsync();
        (await page.Locator("#status").InnerTextAsync()).ShouldBe("Live");

        await browser.PublishAsync(topic, "scored", new { id = 7 });

        // The element has no content of its own (a page would re-fetch a fragment into it): wait for the attribute.
        await page.Locator("#followed[data-received]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        var received = await page.Locator("#followed").GetAttributeAsync("data-received");
        received.ShouldNotBeNull().ShouldContain("\"name\":\"scored\"");
        received.ShouldContain("\"id\":7");
        problems.ShouldBeEmpty();
    }
}

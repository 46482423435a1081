using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podium.Platform.Cli;

/// <summary>
/// What <c>podium login</c> keeps: the server and either an API key or a token pair (a short-lived access token and
/// the refresh token that renews it). Exactly one of the two kinds is set.
/// </summary>
public sealed record CliCredentials
{
    /// <summary>The server's base address, without a trailing slash (<c>https://podium.example.org</c>).</summary>
    public required string Url { get; init; }

    public string? ApiKey { get; init; }

    public string? AccessToken { get; init; }

    /// <summary>UTC.</summary>
    public DateTime? AccessTokenExpiresAt { get; init; }

    public string? RefreshToken { get; init; }

    /// <summary>UTC.</summary>
    public DateTime? RefreshTokenExpiresAt { get; init; }

    public string? UserId { get; init; }

    public string? DisplayName { get; init; }

    [JsonIgnore]
    public bool IsApiKey => ApiKey is not null;
}

/// <summary>
/// The credentials file: <c>$XDG_CONFIG_HOME/podium/credentials.json</c> (else <c>~/.config/podium</c>; on Windows the
/// roaming application data folder). Readable by its owner only: the folder is 0700 and the file is created 0600 (a
/// new file is written beside the old one with those bits from its first byte, then renamed over it), so there is no
/// moment in which another user could read a secret.
/// </summary>
public sealed class CliCredentialStore(string path)
{
    public const string FileName = "credentials.json";
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Path { get; } = path;

    /// <summary>The store at the user's usual place, from the environment.</summary>
    public static CliCredentialStore ForCurrentUser()
    {
        // The XDG spec ignores relative values; so do we, rather than writing secrets relative to wherever we run.
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var root = !string.IsNullOrEmpty(xdg) && System.IO.Path.IsPathFullyQualified(xdg)
            ? xdg
            : OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData)
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new CliCredentialStore(System.IO.Path.Combine(root, "podium", FileName));
    }

    public async Task<CliCredentials?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(Path);
            return await JsonSerializer.DeserializeAsync<CliCredentials>(stream, Json, cancellationToken);
        }
        catch (JsonException)
        {
            throw new CliException($"{Path} is not a credentials file Podium wrote; run `podium login` again.");
        }
    }

    public async Task SaveAsync(CliCredentials credentials, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        CreateOwnerOnlyDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, OwnerOnly(FileMode.CreateNew, FileAccess.Write, FileShare.None)))
            {
                await JsonSerializer.SerializeAsync(stream, credentials, Json, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Whether there was a file to remove.</summary>
    public bool Delete()
    {
        var existed = File.Exists(Path);
        File.Delete(Path);
        File.Delete(LockPath);
        return existed;
    }

    /// <summary>
    /// Holds the store for one process at a time (an advisory lock on a file beside it), waiting for another
    /// <c>podium</c> that holds it. Refreshing under it matters: a refresh token works once, and presenting a used one
    /// revokes the whole sign-in, so two commands refreshing at once would sign the user out.
    /// </summary>
    public async Task<IAsyncDisposable> LockAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        CreateOwnerOnlyDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(LockPath, OwnerOnly(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (time.GetElapsedTime(started) < LockPatience)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
            }
        }
    }

    private string LockPath => Path + ".lock";

    private static FileStreamOptions OwnerOnly(FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return options;
    }

    private static void CreateOwnerOnlyDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            // The profile folder is the user's own by its access control list.
            Directory.CreateDirectory(directory);
            return;
        }

        Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        // An existing folder keeps the mode it was made with; this one is Podium's, so it is closed to others.
        if ((File.GetUnixFileMode(directory) & ~OwnerOnlyDirectory) != 0)
        {
            File.SetUnixFileMode(directory, OwnerOnlyDirectory);
        }
    }
}

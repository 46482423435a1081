namespace Podium.Platform;

/// <summary>Whether this process serves HTTP or runs one CLI command and exits.</summary>
public enum PodiumRunMode
{
    Server,
    Command,
}

using System.Text;

namespace Podium.Platform.Cli;

/// <summary>
/// Questions to the person at the keyboard, or to the pipe feeding the command. Prompts go to stderr, so stdout carries
/// only results; secrets are read without echo on a terminal, and line by line from a pipe.
/// </summary>
internal sealed class CliTerminal(TextReader input, TextWriter output, TextWriter error, bool interactive)
{
    public static CliTerminal FromConsole() => new(Console.In, Console.Out, Console.Error, !Console.IsInputRedirected);

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public bool Interactive { get; } = interactive;

    public string Ask(string prompt)
    {
        Error.Write(prompt);
        return input.ReadLine()?.Trim() ?? "";
    }

    public string AskSecret(string prompt)
    {
        Error.Write(prompt);
        if (!Interactive)
        {
            return input.ReadLine()?.Trim() ?? "";
        }

        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Error.WriteLine();
        return typed.ToString().Trim();
    }
}

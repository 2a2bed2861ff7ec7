using System.Diagnostics;
using System.Globalization;

namespace EventPipeline.LocalServers.Processes;

/// <summary>
/// A program started through <c>exec</c> in bash so its output goes straight to a log file (no
/// pipes to drain) and its process id is the program's own, which the signals below need.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private ChildProcess(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
    }

    /// <summary>Where its standard output and error go.</summary>
    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _disposed || _process.HasExited;

    public int? ExitCode => !_disposed && _process.HasExited ? _process.ExitCode : null;

    public static ChildProcess Start(string program, IEnumerable<string> arguments, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("bash", ["-c", "exec \"$0\" \"$@\" >>\"$LOG_PATH\" 2>&1", program, .. arguments])
        {
            UseShellExecute = false,
        };
        startInfo.Environment["LOG_PATH"] = logPath;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(startInfo) ?? throw new LocalServerException($"Could not start {program}."), logPath);
    }

    /// <summary>SIGKILL: no clean-up, as a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (!HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Signal(string signal)
    {
        if (!HasExited)
        {
            using var kill = Process.Start("kill", [$"-{signal}", Id.ToString(CultureInfo.InvariantCulture)]);
            kill?.WaitForExit();
        }
    }

    /// <summary>Asks politely (the signal given), then kills what is still running after the grace period.</summary>
    public void Stop(string signal, TimeSpan grace)
    {
        Signal("CONT");
        Signal(signal);
        if (!HasExited && !_process.WaitForExit(grace))
        {
            Kill();
        }
    }

    /// <summary>The last lines it wrote, for an error message that says why it did not come up.</summary>
    public string LogTail(int lines = 20)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(LogPath).TakeLast(lines));
        }
        catch (IOException)
        {
            return $"(no log at {LogPath})";
        }
    }

    public long ResidentBytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        Kill();
        _disposed = true;
        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Globalization;
using EventPipeline.Contracts.Runs;

namespace EventPipeline.LoadGen.Engine;

/// <summary>
/// CPU time spent while requests were being sent and answered, per request: the generator's own
/// and, when asked, the server's (read from Linux's <c>/proc/PID/stat</c>). Start-up, token
/// requests and the JIT's first work fall outside the window, so the figures are the steady cost
/// of one request, not of a process's life divided by its requests.
/// </summary>
public sealed class CpuWindow
{
    private readonly int? _serverPid;
    private readonly TimeSpan _generatorAtStart;
    private readonly TimeSpan? _serverAtStart;

    private CpuWindow(int? serverPid)
    {
        _serverPid = serverPid;
        _generatorAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        _serverAtStart = serverPid is { } pid ? ProcessCpu(pid) : null;
    }

    public static CpuWindow Open(int? serverPid) => new(serverPid);

    public CpuCost Close(long requests)
    {
        var generator = Process.GetCurrentProcess().TotalProcessorTime - _generatorAtStart;
        var server = _serverPid is { } pid && _serverAtStart is { } atStart ? ProcessCpu(pid) - atStart : (TimeSpan?)null;
        return new CpuCost(
            requests,
            PerRequest(generator, requests),
            server is { } s ? PerRequest(s, requests) : null);
    }

    private static double PerRequest(TimeSpan cpu, long requests) =>
        requests > 0 ? Math.Round(cpu.TotalMicroseconds / requests, 1) : 0;

    // Fields 14 and 15 of /proc/PID/stat: user and system time in clock ticks (100 per second on Linux).
    private static TimeSpan? ProcessCpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}

using System.Collections.Concurrent;

namespace PppTui.Benchmarks;

/// <summary>
/// A program on a real terminal: a private tmux server (its own socket, no user config, no status
/// line) runs it in a pane of a fixed size, and a tmux control-mode client watches the pane.
///
/// Timing method: the pane's shell first blocks on a FIFO; <see cref="Release"/> writes to it and
/// takes the start time, and the shell then execs the program (so the pane's pid is the program's).
/// Control mode reports every burst of output the pane writes as a <c>%output</c> notification,
/// so nothing polls: after each burst the screen is read with <c>capture-pane</c> over the same
/// connection. tmux sends all notifications for output it has put on the screen before the reply
/// to a later command, so when a capture shows what we wait for, the arrival time of the last
/// notification before that reply is an upper bound for the moment the screen was complete.
/// </summary>
public sealed class TmuxScreen : IDisposable
{
    private readonly string _dir;
    private readonly string _socket;
    private readonly string _fifo;
    private readonly Process _control;
    private readonly BlockingCollection<(long At, string Line)> _lines = new();
    private bool _released;

    private TmuxScreen(string dir, string socket, string fifo, Process control)
    {
        _dir = dir;
        _socket = socket;
        _fifo = fifo;
        _control = control;
    }

    /// <summary>When <see cref="Release"/> let the program start (Stopwatch ticks).</summary>
    public long ReleasedAt { get; private set; }

    /// <summary>When the first output of the program arrived, or 0.</summary>
    public long FirstOutputAt { get; private set; }

    /// <summary>When the latest output notification arrived.</summary>
    public long LastOutputAt { get; private set; }

    /// <summary>Print each capture's time and the markers it lacks to stderr (BENCH_TRACE=1).</summary>
    public static bool Trace { get; } = Environment.GetEnvironmentVariable("BENCH_TRACE") == "1";

    /// <summary>How many screens were captured so far.</summary>
    public int Captures { get; private set; }

    /// <summary>Sets up the pane, with the program waiting to be released.</summary>
    public static TmuxScreen Start(int cols, int rows, string term, IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dir = Directory.CreateTempSubdirectory("ppptui-screen-").FullName;
        var socket = "ppptui-bench-" + Environment.ProcessId + "-" + Path.GetFileName(dir);
        var fifo = Path.Combine(dir, "go");
        Run("mkfifo", fifo);
        var config = Path.Combine(dir, "tmux.conf");
        File.WriteAllText(config, string.Join('\n',
            "set -g status off",
            "set -g remain-on-exit on",
            "set -g default-shell /bin/sh",
            "set -g history-limit 0",
            $"set -g default-terminal {term}") + "\n");
        var exports = new StringBuilder();
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            exports.Append(key).Append('=').Append(Quote(value)).Append("; export ").Append(key).Append("; ");
        var shell = $"{exports}read _ < {Quote(fifo)}; exec {string.Join(' ', command.Select(Quote))}";
        Run("tmux", "-L", socket, "-f", config, "new-session", "-d", "-s", "main", "-x", cols.ToString(CultureInfo.InvariantCulture),
            "-y", rows.ToString(CultureInfo.InvariantCulture), shell);
        // Keeps the pane at the size asked for when the control client attaches (tmux 3.3 stops
        // its server when this is in the config file, so it is set here).
        Run("tmux", "-L", socket, "set-option", "-g", "window-size", "manual");

        var psi = new ProcessStartInfo("tmux")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "-L", socket, "-C", "attach", "-t", "main" }) psi.ArgumentList.Add(a);
        var control = Process.Start(psi)!;
        control.StandardInput.AutoFlush = true;
        var screen = new TmuxScreen(dir, socket, fifo, control);
        var reader = new Thread(() =>
        {
            string? line;
            while ((line = control.StandardOutput.ReadLine()) is not null) screen._lines.Add((Stopwatch.GetTimestamp(), line));
            screen._lines.CompleteAdding();
        }) { IsBackground = true, Name = "tmux-control" };
        reader.Start();
        control.ErrorDataReceived += (_, _) => { };
        control.BeginErrorReadLine();
        // The attach itself answers with one empty block; a round trip makes sure we are past it.
        screen.Command("display-message -p ready");
        return screen;
    }

    /// <summary>Lets the program start; the clock starts now.</summary>
    public void Release()
    {
        using (var fifo = new FileStream(_fifo, FileMode.Open, FileAccess.Write)) fifo.WriteByte((byte)'\n');
        ReleasedAt = Stopwatch.GetTimestamp();
        _released = true;
    }

    /// <summary>
    /// Waits until the screen shows every marker; returns the time (Stopwatch ticks) by which it
    /// did, or null on timeout or when the program ended first (the screen is in <paramref name="last"/>).
    /// </summary>
    public long? WaitFor(IReadOnlyList<string> markers, TimeSpan timeout, out string last)
    {
        last = "";
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long capturedUpTo = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            // Block until new output arrives; every half second look anyway (and whether the program died).
            if (LastOutputAt <= capturedUpTo)
            {
                if (!_lines.TryTake(out var item, 500))
                {
                    if (PaneDead() is { } status)
                    {
                        last = Capture(out _) + $"\n[the program ended: {status}]";
                        return null;
                    }
                    continue;
                }
                Note(item);
                if (LastOutputAt <= capturedUpTo) continue;
            }
            while (_lines.TryTake(out var more)) Note(more);
            var screen = Capture(out var outputBefore);
            capturedUpTo = outputBefore;
            last = screen;
            if (Trace)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {Milliseconds(ReleasedAt, outputBefore),8:0.0} ms: missing {string.Join(", ", markers.Where(m => !screen.Contains(m, StringComparison.Ordinal)).Select(m => $"'{m}'"))}"));
            if (markers.All(m => screen.Contains(m, StringComparison.Ordinal))) return outputBefore;
        }
        return null;
    }

    /// <summary>The screen as text (one line per row).</summary>
    public string Capture() => Capture(out _);

    private string Capture(out long outputBefore)
    {
        var lines = Command("capture-pane -p -t main", out outputBefore);
        Captures++;
        return string.Join('\n', lines);
    }

    /// <summary>Sends keys by tmux name (M-6, F10, Enter, ...).</summary>
    public void SendKeys(params string[] keys) => Command("send-keys -t main " + string.Join(' ', keys));

    /// <summary>The program's pid (the pane's process: the shell exec'd it).</summary>
    public int Pid() => int.Parse(Command("display-message -p -t main '#{pane_pid}'")[0], CultureInfo.InvariantCulture);

    /// <summary>The pane's exit status text once the program ended, else null.</summary>
    public string? PaneDead()
    {
        var reply = Command("display-message -p -t main '#{pane_dead} #{pane_dead_status}'");
        return reply.Count > 0 && reply[0].StartsWith('1') ? "exit status " + reply[0][1..].Trim() : null;
    }

    /// <summary>Runs a tmux command over the control connection and returns its output lines.</summary>
    public IReadOnlyList<string> Command(string command) => Command(command, out _);

    private IReadOnlyList<string> Command(string command, out long outputBefore)
    {
        _control.StandardInput.Write(command + "\n");
        var block = new List<string>();
        bool inBlock = false;
        outputBefore = LastOutputAt;
        while (true)
        {
            if (!_lines.TryTake(out var item, TimeSpan.FromSeconds(10)))
                throw new TimeoutException($"tmux did not answer '{command}'");
            var line = item.Line;
            if (!inBlock)
            {
                if (line.StartsWith("%begin ", StringComparison.Ordinal))
                {
                    inBlock = true;
                    outputBefore = LastOutputAt;
                }
                else if (line.StartsWith("%exit", StringComparison.Ordinal)) throw new InvalidOperationException("the tmux server went away");
                else Note(item);
                continue;
            }
            if (line.StartsWith("%end ", StringComparison.Ordinal)) return block;
            if (line.StartsWith("%error ", StringComparison.Ordinal))
                throw new InvalidOperationException($"tmux refused '{command}': {string.Join(' ', block)}");
            block.Add(line);
        }
    }

    private void Note((long At, string Line) item)
    {
        if (!_released || !item.Line.StartsWith("%output ", StringComparison.Ordinal)) return;
        if (FirstOutputAt == 0) FirstOutputAt = item.At;
        LastOutputAt = item.At;
    }

    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public void Dispose()
    {
        try
        {
            Run("tmux", "-L", _socket, "kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        if (!_control.WaitForExit(2000)) _control.Kill(true);
        _control.Dispose();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    private static void Run(string program, params string[] arguments)
    {
        var psi = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: {error.Trim()}");
    }
}

/// <summary>Memory and CPU of a live process, from /proc.</summary>
public static class ProcStatus
{
    /// <summary>A field of /proc/PID/status in KiB (VmRSS, VmHWM), or -1.</summary>
    public static long KiB(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
        }
        return -1;
    }

    /// <summary>Resident memory of a process and all its descendants (for programs that run helpers, like pppconfig running whiptail).</summary>
    public static long TreeKiB(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
                list.Add(child);
            }
            catch (IOException)
            {
            }
        }
        long total = 0;
        var todo = new Stack<int>([pid]);
        while (todo.Count > 0)
        {
            var next = todo.Pop();
            var rss = KiB(next, "VmRSS");
            if (rss > 0) total += rss;
            if (children.TryGetValue(next, out var list)) foreach (var c in list) todo.Push(c);
        }
        return total;
    }

    /// <summary>User plus system CPU time in seconds (from /proc/PID/stat; the kernel counts in 1/100 s).</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return -1;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace PppTui.Tui.Output;

/// <summary>
/// Lets the screen sleep while nothing happens. Terminal.Gui 2.5 runs its main loop 25 times a
/// second and its input thread looks at the terminal 50 times a second, whether or not anything
/// arrived: about 50 clock ticks in 30 s for a bare window. Here the main loop's pass waits at its
/// start (the app's Iteration event) until a key or mouse event arrives, a timer or an Invoke is
/// due, or the terminal is resized (SIGWINCH); for a short while after any of these it runs at
/// Terminal.Gui's own pace, so escape-key timeouts, draws after a timer and start-up queries work
/// as before. At most <see cref="LongestSleep"/> passes between two passes.
/// </summary>
public sealed class IdleWait : IDisposable
{
    /// <summary>The longest the loop sleeps without a cause: a bound on anything that changes without waking it.</summary>
    public static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(2);

    /// <summary>How long after a wake-up the loop keeps Terminal.Gui's own pace (a lone Escape
    /// waits for the rest of its sequence, a timer's change is drawn on the next pass).</summary>
    public static readonly TimeSpan AwakeAfterEvent = TimeSpan.FromMilliseconds(250);

    /// <summary>From the start the loop runs at its own pace this long: the terminal's answers to
    /// Terminal.Gui's start-up queries and the first frames come in it.</summary>
    public static readonly TimeSpan AwakeAtStart = TimeSpan.FromSeconds(1);

    private readonly AutoResetEvent _wake = new(false);
    private readonly PosixSignalRegistration? _resize;
    private long _awakeUntil;
    private IApplication? _app;
    private TimedEvents? _timers;

    public IdleWait()
    {
        _awakeUntil = Stopwatch.GetTimestamp() + Ticks(AwakeAtStart);
        try { _resize = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => Wake()); }
        catch (PlatformNotSupportedException) { _resize = null; }
    }

    /// <summary>Waits at the start of each of <paramref name="app"/>'s main-loop passes; call before Init.</summary>
    public void Attach(IApplication app)
    {
        _app = app;
        app.Iteration += OnIteration;
    }

    /// <summary>Something arrived (input, a timer, a resize): the loop runs now and a while after. Any thread.</summary>
    public void Wake()
    {
        Volatile.Write(ref _awakeUntil, Stopwatch.GetTimestamp() + Ticks(AwakeAfterEvent));
        _wake.Set();
    }

    /// <summary>
    /// How long a pass starting at <paramref name="now"/> sleeps: not at all while awake, else until
    /// the next timer is due (<paramref name="nextTimerMs"/>, -1 for none), at most <see cref="LongestSleep"/>.
    /// </summary>
    public static int SleepMs(long now, long awakeUntil, int nextTimerMs)
    {
        if (now < awakeUntil) return 0;
        int longest = (int)LongestSleep.TotalMilliseconds;
        return nextTimerMs < 0 ? longest : Math.Min(nextTimerMs, longest);
    }

    private void OnIteration(object? sender, EventArgs e)
    {
        // Without the timer list the next timer's time is unknown: keep Terminal.Gui's pace.
        if (_app?.TimedEvents is not TimedEvents timers) return;
        if (_timers is null)
        {
            // Timers and Invokes added from any thread from now on wake the loop; those added
            // before are in the list already.
            _timers = timers;
            timers.Added += OnTimerAdded;
        }
        int next = timers.CheckTimers(out int wait) ? wait : -1;
        int sleep = SleepMs(Stopwatch.GetTimestamp(), Volatile.Read(ref _awakeUntil), next);
        if (sleep <= 0) return;
        // Whatever ends the sleep (an event, a due timer, the longest sleep), the passes after it
        // run at the loop's pace: a timer's callback runs after the draw, its change is drawn next.
        _wake.WaitOne(sleep);
        Volatile.Write(ref _awakeUntil, Stopwatch.GetTimestamp() + Ticks(AwakeAfterEvent));
    }

    private void OnTimerAdded(object? sender, TimeoutEventArgs e) => Wake();

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public void Dispose()
    {
        _app?.Iteration -= OnIteration;
        _timers?.Added -= OnTimerAdded;
        _resize?.Dispose();
        // Wake a pass that may still be waiting, so the loop can end.
        _wake.Set();
    }
}

/// <summary>
/// Terminal.Gui's ANSI input, read when the terminal has bytes instead of every 20 ms: the input
/// thread blocks in poll(2) on stdin and on a pipe that ends the wait when the app stops. What is
/// read, and how, is Terminal.Gui's own <see cref="AnsiInput"/>; each read wakes the main loop.
/// </summary>
public sealed partial class TerminalInput(AnsiInput inner, Action arrived) : IInput<char>, ITestableInput<char>
{
    private const short PollIn = 0x001, PollErr = 0x008, PollHup = 0x010, PollNval = 0x020;
    private const int Eintr = 4;
    private ConcurrentQueue<char>? _queue;

    public CancellationTokenSource? ExternalCancellationTokenSource
    {
        get => inner.ExternalCancellationTokenSource;
        set => inner.ExternalCancellationTokenSource = value;
    }

    public void Initialize(ConcurrentQueue<char> inputQueue)
    {
        _queue = inputQueue;
        inner.Initialize(inputQueue);
    }

    public void Run(CancellationToken runCancellationToken)
    {
        if (_queue is null) throw new InvalidOperationException("Initialize the input before Run.");
        using var linked = ExternalCancellationTokenSource is { } external
            ? CancellationTokenSource.CreateLinkedTokenSource(runCancellationToken, external.Token)
            : CancellationTokenSource.CreateLinkedTokenSource(runCancellationToken);
        var token = linked.Token;
        Span<int> pipe = stackalloc int[2];
        if (Pipe(pipe) != 0)
        {
            // No pipe, no way to end a blocking wait: Terminal.Gui's own polling loop.
            inner.Run(runCancellationToken);
            return;
        }
        int stop = pipe[0], stopWriter = pipe[1];
        try
        {
            using var registration = token.Register(() => WriteByte(stopWriter));
            var fds = new PollFd[2];
            bool stdinUsable = true;
            while (!token.IsCancellationRequested)
            {
                fds[0] = new PollFd { Fd = stdinUsable ? 0 : -1, Events = PollIn };
                fds[1] = new PollFd { Fd = stop, Events = PollIn };
                int ready = Poll(fds, 2, -1);
                if (ready < 0 && Marshal.GetLastPInvokeError() != Eintr) break;
                if (token.IsCancellationRequested) break;
                bool any = false;
                while (inner.Peek())
                {
                    foreach (char c in inner.Read()) _queue.Enqueue(c);
                    any = true;
                }
                // A closed or invalid stdin stays "ready" for ever: stop watching it instead of spinning.
                if (!any && (fds[0].Revents & (PollErr | PollHup | PollNval)) != 0) stdinUsable = false;
                if (any) arrived();
            }
        }
        finally
        {
            Close(stop);
            Close(stopWriter);
        }
    }

    public void InjectInput(char input)
    {
        if (inner is ITestableInput<char> testable) testable.InjectInput(input);
        arrived();
    }

    public void Dispose() => inner.Dispose();

    private static void WriteByte(int fd)
    {
        Span<byte> one = [1];
        _ = Write(fd, one, 1);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll([In, Out] PollFd[] fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "pipe")]
    private static partial int Pipe(Span<int> fds);

    [LibraryImport("libc", EntryPoint = "write")]
    private static partial nint Write(int fd, ReadOnlySpan<byte> buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}

using System.Runtime.InteropServices;

namespace PppTui.Core.Processes;

/// <summary>The few signals ppptui sends, with their Linux numbers.</summary>
public enum ProcessSignal
{
    /// <summary>SIGHUP: pppd hangs up the link and, with <c>persist</c>, dials again.</summary>
    Hangup = 1,
    /// <summary>SIGINT: pppd treats it like SIGTERM.</summary>
    Interrupt = 2,
    /// <summary>SIGKILL: cannot be caught; pppd leaves its pid files behind.</summary>
    Kill = 9,
    /// <summary>SIGTERM: pppd terminates the link, stops any redial and exits with status 5.</summary>
    Terminate = 15,
}

/// <summary>The outcome of sending a signal to one process.</summary>
public enum SignalResult
{
    Sent,
    /// <summary>No such process (ESRCH): it is already gone.</summary>
    NoSuchProcess,
    /// <summary>Not allowed (EPERM): the process belongs to another user and we are not root.</summary>
    NotPermitted,
    Failed,
}

/// <summary>
/// Sends signals to one process, named by its exact pid. There is deliberately no way to signal
/// by name: stopping a link must never touch another link's pppd.
/// </summary>
public interface IProcessSignals
{
    SignalResult Send(int pid, ProcessSignal signal);

    /// <summary>True while a process with that pid exists (zombies count as gone).</summary>
    bool IsAlive(int pid);
}

/// <summary>kill(2) through a source-generated P/Invoke (trim- and AOT-safe).</summary>
public sealed partial class ProcessSignals : IProcessSignals
{
    private const int Esrch = 3;
    private const int Eperm = 1;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    /// <summary>True when ppptui runs with an effective uid of 0 (pppd needs root to dial).</summary>
    public static bool IsRoot => GetEffectiveUserId() == 0;

    public SignalResult Send(int pid, ProcessSignal signal)
    {
        // pid 0 and negative pids address process groups: refuse them outright.
        if (pid <= 1) return SignalResult.Failed;
        if (Kill(pid, (int)signal) == 0) return SignalResult.Sent;
        return Marshal.GetLastPInvokeError() switch
        {
            Esrch => SignalResult.NoSuchProcess,
            Eperm => SignalResult.NotPermitted,
            _ => SignalResult.Failed,
        };
    }

    public bool IsAlive(int pid)
    {
        if (pid <= 1) return false;
        if (Kill(pid, 0) != 0 && Marshal.GetLastPInvokeError() != Eperm) return false;
        // A killed child that nobody reaped yet still answers kill(pid, 0); it is gone for us.
        return !IsZombie(pid);
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

namespace PppTui.Core.Files;

/// <summary>
/// One apply at a time per root: a second ppptui waits for the first (bounded), so two writers
/// never interleave their changes. The lock is an advisory lock on a file under run/ppptui.
/// </summary>
public sealed class ApplyLock : IDisposable
{
    private readonly FileStream _stream;

    private ApplyLock(FileStream stream) => _stream = stream;

    public static ApplyLock Acquire(SystemPaths paths, TimeSpan wait)
    {
        var dir = Path.Join(paths.RunDir, "ppptui");
        var path = Path.Join(dir, "apply.lock");
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                Directory.CreateDirectory(dir);
                // FileShare.None takes an exclusive advisory lock (flock) on Unix.
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.SetLength(0);
                var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId + "\n");
                stream.Write(pid);
                stream.Flush();
                return new ApplyLock(stream);
            }
            catch (UnauthorizedAccessException)
            {
                throw new NeedsRootException(Msg.T("Applying changes"), dir);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
            catch (IOException)
            {
                var holder = TryRead(path);
                throw new PppTuiException(
                    Msg.F("another ppptui is applying changes{0} and did not finish within {1} s", holder is null ? "" : $" (pid {holder})", wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)),
                    Msg.T("Wait for it to finish and apply again."));
            }
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(s);
            return r.ReadLine()?.Trim();
        }
        catch (IOException) { return null; }
    }

    public void Dispose() => _stream.Dispose();
}

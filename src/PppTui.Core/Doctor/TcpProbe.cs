using System.Diagnostics;
using System.Net.Sockets;

namespace PppTui.Core.Doctor;

/// <summary>How a TCP connection attempt ended.</summary>
public sealed record ProbeResult(bool Connected, string Detail, TimeSpan Elapsed);

/// <summary>Opens (and closes) one TCP connection: whether a PPTP server answers on its control port.</summary>
public interface ITcpProbe
{
    Task<ProbeResult> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken = default);
}

/// <summary>The real probe, with sockets.</summary>
public sealed class SocketTcpProbe : ITcpProbe
{
    public async Task<ProbeResult> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            return new ProbeResult(true, $"{host}:{port} accepted the connection in {watch.ElapsedMilliseconds} ms", watch.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false,
                $"no answer from {host}:{port} within {timeout.TotalSeconds:0} s: a firewall drops it, or the server is down", watch.Elapsed);
        }
        catch (SocketException ex)
        {
            var detail = ex.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"{host}:{port} refused the connection: nothing listens there (pptp logs \"Connection refused\")",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"{host} does not resolve ({ex.Message})",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"{host} is unreachable: no route ({ex.Message})",
                SocketError.TimedOut => $"no answer from {host}:{port}: timed out",
                _ => $"{host}:{port}: {ex.Message}",
            };
            return new ProbeResult(false, detail, watch.Elapsed);
        }
    }
}

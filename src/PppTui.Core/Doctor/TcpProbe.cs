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
            return new ProbeResult(true, Msg.F("{0}:{1} accepted the connection in {2} ms", host, port, watch.ElapsedMilliseconds), watch.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false,
                Msg.F("no answer from {0}:{1} within {2:0} s: a firewall drops it, or the server is down", host, port, timeout.TotalSeconds), watch.Elapsed);
        }
        catch (SocketException ex)
        {
            var detail = ex.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => Msg.F("{0}:{1} refused the connection: nothing listens there (pptp logs \"Connection refused\")", host, port),
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => Msg.F("{0} does not resolve ({1})", host, ex.Message),
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => Msg.F("{0} is unreachable: no route ({1})", host, ex.Message),
                SocketError.TimedOut => Msg.F("no answer from {0}:{1}: timed out", host, port),
                _ => $"{host}:{port}: {ex.Message}",
            };
            return new ProbeResult(false, detail, watch.Elapsed);
        }
    }
}

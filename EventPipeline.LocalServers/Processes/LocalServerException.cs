namespace EventPipeline.LocalServers.Processes;

/// <summary>A local server could not be found, prepared or started; the message says what to do.</summary>
public sealed class LocalServerException(string message, Exception? inner = null) : Exception(message, inner);

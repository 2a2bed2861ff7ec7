using EventPipeline.Resilience;

return await ResilienceCommand.Create().Parse(args).InvokeAsync();

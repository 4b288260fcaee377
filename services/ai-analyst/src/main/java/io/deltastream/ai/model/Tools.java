package io.deltastream.ai.model;

import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The tools the model may call while answering: their specifications (sent with every request) and how a call is
 * carried out.
 *
 * @param execute the tool's name and its JSON arguments → the result as JSON, or {@code {"error": "..."}} for an
 *                unknown tool or bad arguments (the model reads the error and may try again)
 */
public record Tools(List<ToolSpecification> specifications, BiFunction<String, String, String> execute) {
    public Tools {
        specifications = List.copyOf(specifications);
    }

    /** No tools. */
    public static Tools none() {
        return new Tools(List.of(), (name, arguments) -> "{\"error\":\"no tools\"}");
    }
}

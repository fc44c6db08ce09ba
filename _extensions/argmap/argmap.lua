-- Quarto (and Pandoc) filter: draws ```arg code blocks as argument maps.
-- It hands the document to the argmap-pandoc command (pip install argmap), the same
-- filter as `pandoc --filter argmap-pandoc`, so every host draws a map alike.

local function has_map(doc)
  local found = false
  doc:walk({
    CodeBlock = function(block)
      if block.classes:includes("arg") then found = true end
    end,
  })
  return found
end

function Pandoc(doc)
  if not has_map(doc) then
    return nil
  end
  local drawn = pandoc.pipe("argmap-pandoc", { FORMAT }, pandoc.write(doc, "json"))
  return pandoc.read(drawn, "json")
end

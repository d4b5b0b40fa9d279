def _load_rows(file_name):
    row_list = []
    for line_text in open(file_name):
        row_list.append(line_text)
    return row_list

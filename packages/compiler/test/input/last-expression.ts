const values = [1, 2, 3];
values.map((v) => v * 2), values.length; // the comma expression is the value
